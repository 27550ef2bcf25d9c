package dev.caracal.formats.template.jinja;

import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.TruthyTypeConverter;
import com.hubspot.jinjava.el.ext.AstNamedParameter;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.el.ext.StringConcatOperator;
import com.hubspot.jinjava.objects.SafeString;
import com.hubspot.jinjava.objects.collections.PyMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.misc.NumberOperations;
import jinjava.de.odysseus.el.misc.TypeConverter;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.IdentifierNode;
import jinjava.de.odysseus.el.tree.Tree;
import jinjava.de.odysseus.el.tree.TreeBuilderException;
import jinjava.de.odysseus.el.tree.TreeStore;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.de.odysseus.el.tree.impl.Cache;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.Parser.ParseException;
import jinjava.de.odysseus.el.tree.impl.Scanner;
import jinjava.de.odysseus.el.tree.impl.Scanner.ScanException;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstParameters;
import jinjava.de.odysseus.el.tree.impl.ast.AstUnary;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELException;
import jinjava.javax.el.ExpressionFactory;

/**
 * Jinjava's expression language brought closer to Jinja2's Python semantics: {@code +} refuses {@code None} (Jinjava
 * would write {@code "null"}) and escapes a plain string joined to a {@code | safe} one (Jinja2's {@code Markup});
 * {@code ==} does not convert between strings and numbers; {@code and} and {@code or} give one of their operands;
 * {@code not} binds more loosely than tests and comparisons; keyword arguments take whole expressions; {@code *}
 * repeats strings and lists; {@code ~} writes Python's {@code str()}; string literals take Python's escapes; and
 * slices with a step ({@code messages[::-1]}) are read.
 */
final class PythonExpressionSyntax {

    /** The method a stepped slice {@code x[a:b:c]} is rewritten to, {@code x.caracalSlice(a, b, c)}. */
    static final String SLICE_METHOD = "caracalSlice";

    private PythonExpressionSyntax() {
    }

    private static final SyntaxBuilder CHECKER =
            new SyntaxBuilder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

    /**
     * What an expression uses, or why it does not parse.
     *
     * @param syntaxProblem what is wrong with its syntax, or {@code null} if it parses
     * @param filters       the names of the filters it applies
     * @param tests         the names of the tests it applies ({@code is name})
     */
    record ExpressionCheck(String syntaxProblem, Set<String> filters, Set<String> tests) {
    }

    /** Parses an expression (as {@code {{ expression }}} holds it) and lists the filters and tests it uses. */
    static ExpressionCheck check(String expression) {
        Tree tree;
        try {
            tree = CHECKER.build("#{" + expression + "}");
        } catch (TreeBuilderException e) {
            String detail = e.getMessage() == null ? "" : e.getMessage();
            int reason = detail.indexOf("': ");
            detail = reason >= 0 ? detail.substring(reason + 3) : detail;
            Matcher position = POSITION.matcher(detail);
            if (position.find()) {
                int at = Math.max(0, Integer.parseInt(position.group(1)) - 2);
                detail = position.replaceFirst("position " + at);
            }
            return new ExpressionCheck("cannot parse '" + expression.strip() + "': " + detail, Set.of(), Set.of());
        }
        Set<String> filters = new TreeSet<>();
        Set<String> tests = new TreeSet<>();
        for (IdentifierNode identifier : tree.getIdentifierNodes()) {
            String name = identifier.getName();
            if (name.startsWith(ExtendedParser.FILTER_PREFIX)) {
                filters.add(name.substring(ExtendedParser.FILTER_PREFIX.length()));
            } else if (name.startsWith(ExtendedParser.EXPTEST_PREFIX)) {
                tests.add(name.substring(ExtendedParser.EXPTEST_PREFIX.length()));
            }
        }
        return new ExpressionCheck(null, filters, tests);
    }

    private static final Pattern POSITION = Pattern.compile("position (\\d+)");

    /** An expression factory parsing with these rules, for a {@link com.hubspot.jinjava.Jinjava} subclass. */
    static ExpressionFactory newExpressionFactory() {
        TreeStore store = new TreeStore(
                new SyntaxBuilder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS), new Cache(2000));
        return new ExpressionFactoryImpl(store, new TruthyTypeConverter());
    }

    /** Builds parse trees with {@link PythonParser}. */
    static final class SyntaxBuilder extends ExtendedSyntaxBuilder {

        private static final long serialVersionUID = 1L;

        SyntaxBuilder(Builder.Feature... features) {
            super(features);
        }

        @Override
        protected Parser createParser(String expression) {
            return new PythonParser(this, rewriteSteppedSlices(decodeStringEscapes(expression)));
        }
    }

    /** Jinjava's parser with Python's {@code +}, {@code *} and {@code ~}. */
    static final class PythonParser extends ExtendedParser {

        PythonParser(Builder context, String input) {
            super(context, input);
            putExtensionHandler(StringConcatOperator.TOKEN, new ExtensionHandler(ExtensionPoint.ADD) {
                @Override
                public AstNode createAstNode(AstNode... children) {
                    return new AstBinary(children[0], children[1], CONCATENATE);
                }
            });
        }

        /** Python's {@code not} binds more loosely than comparisons and tests: {@code not x is defined}. */
        @Override
        protected AstNode eq(boolean required) throws ScanException, ParseException {
            if (getToken().getSymbol() == Scanner.Symbol.NOT) {
                consumeToken();
                return createAstUnary(eq(true), AstUnary.NOT);
            }
            return super.eq(required);
        }

        /** Call arguments where a keyword argument's value is a whole expression: {@code f(n=items|length - 1)}. */
        @Override
        protected AstParameters params(Scanner.Symbol left, Scanner.Symbol right)
                throws ScanException, ParseException {
            consumeToken(left);
            List<AstNode> arguments = new ArrayList<>();
            AstNode argument = argument(false);
            if (argument != null) {
                arguments.add(argument);
                while (getToken().getSymbol() == Scanner.Symbol.COMMA) {
                    consumeToken();
                    if (getToken().getSymbol() == right) {
                        break;
                    }
                    arguments.add(argument(true));
                }
            }
            consumeToken(right);
            return createAstParameters(arguments);
        }

        private AstNode argument(boolean required) throws ScanException, ParseException {
            if (getToken().getSymbol() == Scanner.Symbol.IDENTIFIER
                    && lookahead(0).getSymbol() == Scanner.Symbol.EXTENSION
                    && "=".equals(lookahead(0).getImage())) {
                String name = consumeToken().getImage();
                consumeToken();
                return new AstNamedParameter(identifier(name), expr(true));
            }
            return expr(required);
        }

        @Override
        protected AstBinary createAstBinary(AstNode left, AstNode right, AstBinary.Operator operator) {
            if (operator == AstBinary.MUL) {
                return super.createAstBinary(left, right, MULTIPLY);
            }
            if (operator instanceof com.hubspot.jinjava.el.ext.AdditionOperator) {
                return super.createAstBinary(left, right, ADD);
            }
            if (operator == AstBinary.EQ) {
                return super.createAstBinary(left, right, EQUALS);
            }
            if (operator == AstBinary.NE) {
                return super.createAstBinary(left, right, NOT_EQUALS);
            }
            if (operator == AstBinary.AND) {
                return super.createAstBinary(left, right, AND);
            }
            if (operator instanceof com.hubspot.jinjava.el.ext.OrOperator) {
                return super.createAstBinary(left, right, OR);
            }
            return super.createAstBinary(left, right, operator);
        }
    }

    /** {@code a + b}: strings, lists and numbers as in Python; {@code None} on either side is an error. */
    static final AstBinary.Operator ADD = new AstBinary.SimpleOperator() {
        @Override
        protected Object apply(TypeConverter converter, Object left, Object right) {
            if (left == null || right == null) {
                throw new ELException("unsupported operand for +: " + typeName(left) + " and " + typeName(right)
                        + " (a value is None or undefined)");
            }
            if (left instanceof SafeString || right instanceof SafeString) {
                // Jinja2's Markup: joining a safe string to a plain one HTML-escapes the plain one
                return new SafeString(markup(left) + markup(right));
            }
            if (PythonValues.isString(left) || PythonValues.isString(right)) {
                return PythonValues.str(left) + PythonValues.str(right);
            }
            if (left instanceof Collection<?> first && right instanceof Collection<?> second) {
                List<Object> joined = new ArrayList<>(first);
                joined.addAll(second);
                return joined;
            }
            if (left instanceof Collection<?> || right instanceof Collection<?>) {
                throw new ELException("unsupported operand for +: " + typeName(left) + " and " + typeName(right));
            }
            return NumberOperations.add(converter, left, right);
        }
    };

    /** {@code a == b} as in Python: {@code "1" == 1} is false, so is {@code None == ""}. */
    static final AstBinary.Operator EQUALS = new AstBinary.SimpleOperator() {
        @Override
        protected Object apply(TypeConverter converter, Object left, Object right) {
            return PythonValues.pythonEquals(left, right);
        }

        @Override
        public String toString() {
            return "==";
        }
    };

    /** {@code a != b} as in Python. */
    static final AstBinary.Operator NOT_EQUALS = new AstBinary.SimpleOperator() {
        @Override
        protected Object apply(TypeConverter converter, Object left, Object right) {
            return !PythonValues.pythonEquals(left, right);
        }

        @Override
        public String toString() {
            return "!=";
        }
    };

    /** {@code a and b}: {@code a} if it is false, else {@code b} (the value, not a boolean, as in Python). */
    static final AstBinary.Operator AND = new AstBinary.Operator() {
        @Override
        public Object eval(Bindings bindings, ELContext context, AstNode left, AstNode right) {
            Object first = left.eval(bindings, context);
            return PythonValues.truthy(first) ? right.eval(bindings, context) : first;
        }

        @Override
        public String toString() {
            return "and";
        }
    };

    /** {@code a or b}: {@code a} if it is true, else {@code b}. */
    static final AstBinary.Operator OR = new AstBinary.Operator() {
        @Override
        public Object eval(Bindings bindings, ELContext context, AstNode left, AstNode right) {
            Object first = left.eval(bindings, context);
            return PythonValues.truthy(first) ? first : right.eval(bindings, context);
        }

        @Override
        public String toString() {
            return "or";
        }
    };

    /** {@code a * b}: a string or list times a whole number repeats it; numbers multiply. */
    static final AstBinary.Operator MULTIPLY = new AstBinary.SimpleOperator() {
        @Override
        protected Object apply(TypeConverter converter, Object left, Object right) {
            if (isWholeNumber(right) && (PythonValues.isString(left) || left instanceof Collection<?>)) {
                return repeat(left, ((Number) right).longValue());
            }
            if (isWholeNumber(left) && (PythonValues.isString(right) || right instanceof Collection<?>)) {
                return repeat(right, ((Number) left).longValue());
            }
            return NumberOperations.mul(converter, left, right);
        }
    };

    /** {@code a ~ b}: both sides as Python's {@code str()}, an undefined or {@code None} side as nothing. */
    static final AstBinary.Operator CONCATENATE = new AstBinary.SimpleOperator() {
        @Override
        protected Object apply(TypeConverter converter, Object left, Object right) {
            return PythonValues.str(left) + PythonValues.str(right);
        }
    };

    /** A value as Jinja2's {@code Markup} joins it: safe strings as they are, anything else HTML-escaped. */
    private static String markup(Object value) {
        if (value instanceof SafeString safe) {
            return safe.toString();
        }
        String text = PythonValues.str(value);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&#34;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isWholeNumber(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof java.math.BigInteger;
    }

    /** The most items or characters {@code *} may make, so that a template cannot exhaust memory. */
    private static final long LARGEST_REPETITION = 64L * 1024 * 1024;

    private static Object repeat(Object value, long times) {
        long size = PythonValues.isString(value) ? value.toString().length() : ((Collection<?>) value).size();
        if (times > 0 && size * times > LARGEST_REPETITION) {
            throw new ELException("repeating " + size + " items " + times + " times makes more than "
                    + LARGEST_REPETITION);
        }
        if (PythonValues.isString(value)) {
            return value.toString().repeat((int) Math.max(0, times));
        }
        List<Object> repeated = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            repeated.addAll((Collection<?>) value);
        }
        return repeated;
    }

    private static String typeName(Object value) {
        if (value == null) {
            return "NoneType";
        }
        if (PythonValues.isString(value)) {
            return "str";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Double || value instanceof Float || value instanceof java.math.BigDecimal) {
            return "float";
        }
        if (value instanceof Number) {
            return "int";
        }
        if (value instanceof java.util.Map<?, ?> || value instanceof PyMap) {
            return "dict";
        }
        if (value instanceof Collection<?>) {
            return "list";
        }
        return value.getClass().getSimpleName();
    }

    /**
     * Decodes Python's escapes in string literals ({@code \\u00e9}, {@code \\x41}, {@code \\v}, an unknown
     * {@code \\d} kept as it is) into the characters themselves, escaping only backslashes and quotes, the escapes
     * Jinjava's scanner reads.
     */
    static String decodeStringEscapes(String expression) {
        if (expression.indexOf('\\') < 0) {
            return expression;
        }
        StringBuilder out = new StringBuilder(expression.length());
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (c != '\'' && c != '"') {
                out.append(c);
                i++;
                continue;
            }
            int end = endOfString(expression, i);
            boolean closed = end - 1 > i && expression.charAt(end - 1) == c;
            if (!closed) {
                out.append(expression, i, expression.length());
                break;
            }
            String value = PythonStrings.unescape(expression.substring(i + 1, end - 1));
            out.append(c);
            for (int k = 0; k < value.length(); k++) {
                char v = value.charAt(k);
                if (v == '\\' || v == c) {
                    out.append('\\');
                }
                out.append(v);
            }
            out.append(c);
            i = end;
        }
        return out.toString();
    }

    /**
     * Rewrites each subscript with two colons, {@code x[a:b:c]}, to {@code x.caracalSlice(a, b, c)} (empty parts as
     * {@code null}), leaving string literals, list literals and plain slices alone.
     */
    static String rewriteSteppedSlices(String expression) {
        if (expression.indexOf("::") < 0 && !hasTwoColonSubscript(expression)) {
            return expression;
        }
        StringBuilder out = new StringBuilder(expression.length() + 16);
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (c == '\'' || c == '"') {
                int end = endOfString(expression, i);
                out.append(expression, i, end);
                i = end;
                continue;
            }
            if (c == '[' && isSubscript(out)) {
                int close = matchingBracket(expression, i);
                if (close > 0) {
                    String inner = expression.substring(i + 1, close);
                    List<String> parts = splitTopLevelColons(inner);
                    if (parts.size() == 3) {
                        out.append('.').append(SLICE_METHOD).append('(');
                        for (int part = 0; part < 3; part++) {
                            if (part > 0) {
                                out.append(", ");
                            }
                            String text = parts.get(part).trim();
                            out.append(text.isEmpty() ? "null" : rewriteSteppedSlices(text));
                        }
                        out.append(')');
                        i = close + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static boolean hasTwoColonSubscript(String expression) {
        int first = expression.indexOf(':');
        return first >= 0 && expression.indexOf(':', first + 1) >= 0 && expression.indexOf('[') >= 0;
    }

    /** Whether a {@code [} after this text subscripts a value (rather than starting a list literal). */
    private static boolean isSubscript(CharSequence before) {
        for (int i = before.length() - 1; i >= 0; i--) {
            char c = before.charAt(i);
            if (Character.isWhitespace(c)) {
                continue;
            }
            return Character.isLetterOrDigit(c) || c == '_' || c == ')' || c == ']' || c == '\'' || c == '"';
        }
        return false;
    }

    private static int endOfString(String text, int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    private static int matchingBracket(String text, int open) {
        int depth = 0;
        int i = open;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = endOfString(text, i);
                continue;
            }
            if (c == '[' || c == '(' || c == '{') {
                depth++;
            } else if (c == ']' || c == ')' || c == '}') {
                depth--;
                if (depth == 0) {
                    return c == ']' ? i : -1;
                }
            }
            i++;
        }
        return -1;
    }

    private static List<String> splitTopLevelColons(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = endOfString(text, i);
                continue;
            }
            if (c == '[' || c == '(' || c == '{') {
                depth++;
            } else if (c == ']' || c == ')' || c == '}') {
                depth--;
            } else if (c == ':' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
            i++;
        }
        parts.add(text.substring(start));
        return parts;
    }
}
