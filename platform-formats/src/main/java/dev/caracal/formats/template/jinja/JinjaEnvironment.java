package dev.caracal.formats.template.jinja;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.AutoCloseableSupplier;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.loader.ResourceNotFoundException;
import com.hubspot.jinjava.tree.ExpressionNode;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.output.RenderedOutputNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ExpressionFactory;

/**
 * The one Jinjava set up to behave like transformers' Jinja2 environment (loop controls, {@code tojson}, {@code raise_exception}, {@code strftime_now}, Python string methods); it parses
 * templates and renders parsed templates.
 */
final class JinjaEnvironment {

    /** The longest output a render may produce, in characters. */
    private static final long MAXIMUM_OUTPUT = 64L * 1024 * 1024;

    static final JinjaEnvironment INSTANCE = new JinjaEnvironment();

    private final Jinjava jinjava;
    private final JinjavaConfig config;

    private JinjaEnvironment() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonMethods());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        config = JinjavaConfig.newBuilder()
                .withTrimBlocks(false)
                .withLstripBlocks(false)
                .withLegacyOverrides(LegacyOverrides.newBuilder()
                        .withUseTrimmingForNotesAndExpressions(true)
                        .withParseWhitespaceControlStrictly(true)
                        .withUseNaturalOperatorPrecedence(true)
                        .withEvaluateMapKeys(true)
                        .withIterateOverMapKeys(true)
                        .withKeepNullableLoopValues(true)
                        .build())
                .withEnableRecursiveMacroCalls(true)
                .withMaxMacroRecursionDepth(64)
                .withMaxOutputSize(MAXIMUM_OUTPUT)
                .withFailOnUnknownTokens(false)
                .withNestedInterpretationEnabled(false)
                .withElResolver(resolver)
                .withDisabled(Map.of(Context.Library.TAG, Set.of("include", "import", "from", "extends")))
                .build();
        ExpressionFactory expressions = PythonExpressionSyntax.newExpressionFactory();
        jinjava = new Jinjava(config) {
            @Override
            public ExpressionFactory getExpressionFactory() {
                return expressions;
            }
        };
        jinjava.setResourceLocator((name, encoding, interpreter) -> {
            throw new ResourceNotFoundException("chat templates cannot load other files: " + name);
        });
        Context global = jinjava.getGlobalContext();
        TemplateTags.tags().forEach(global::registerTag);
        TemplateFilters.filters().forEach(global::registerFilter);
        TemplateFilters.tests().forEach(global::registerExpTest);
        global.registerFunction(function("raise_exception", "raiseException"));
        global.registerFunction(function("strftime_now", "strftimeNow"));
    }

    /** {@code {{ value }}} writes Python's {@code str(value)} ({@code True}, {@code 1.0}, {@code {'a': 1}}), nothing for none. */
    private static RenderedOutputNode printValue(ExpressionToken expression, JinjavaInterpreter interpreter) {
        Object value = interpreter.resolveELExpression(expression.getExpr(), expression.getLineNumber());
        return new RenderedOutputNode(PythonValues.str(value));
    }

    private static ELFunctionDefinition function(String name, String method) {
        try {
            Method target = TemplateFunctions.class.getMethod(method, Object.class);
            target.setAccessible(true);
            return new ELFunctionDefinition("", name, target);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The result of running the interpreter: its output, or the errors it met. */
    record Outcome(String output, List<TemplateError> errors, Throwable thrown) {
    }

    /**
     * Parses a template's source, already through {@link Jinja2Whitespace} (which does {@code trim_blocks} and
     * {@code lstrip_blocks}, so Jinjava's own are off), and checks every expression's syntax and that the filters and
     * tests it names exist, as Jinja2 does when it compiles a template.
     *
     * @throws SyntaxProblem for the first problem found
     */
    Node parse(String source) {
        JinjavaInterpreter interpreter = newInterpreter(Map.of());
        try (AutoCloseableSupplier.AutoCloseableImpl<JinjavaInterpreter> current =
                JinjavaInterpreter.closeablePushCurrent(interpreter).get()) {
            Node root = interpreter.parse(source);
            for (TemplateError error : interpreter.getErrors()) {
                if (error.getSeverity() == TemplateError.ErrorType.FATAL
                        || error.getReason() == TemplateError.ErrorReason.SYNTAX_ERROR) {
                    String message = "Missing start tag".equals(error.getMessage())
                            ? "'{% " + error.getFieldName() + " %}' has no tag it ends" : error.getMessage();
                    throw new SyntaxProblem(error.getLineno(), message);
                }
            }
            checkExpressions(root);
            return root;
        }
    }

    /** A template that does not parse, at a line counted from 1. */
    static final class SyntaxProblem extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final int line;

        SyntaxProblem(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    private void checkExpressions(Node node) {
        for (Node child : node.getChildren()) {
            for (String expression : expressionsOf(child)) {
                if (expression.isBlank()) {
                    throw new SyntaxProblem(child.getLineNumber(),
                            "'" + child.getMaster().getImage().strip() + "' needs an expression");
                }
                PythonExpressionSyntax.ExpressionCheck check = PythonExpressionSyntax.check(expression);
                if (check.syntaxProblem() != null) {
                    throw new SyntaxProblem(child.getLineNumber(), check.syntaxProblem());
                }
                Context global = jinjava.getGlobalContext();
                for (String filter : check.filters()) {
                    if (global.getFilter(filter) == null) {
                        throw new SyntaxProblem(child.getLineNumber(), "no filter named '" + filter + "'");
                    }
                }
                for (String test : check.tests()) {
                    if (global.getExpTest(test) == null) {
                        throw new SyntaxProblem(child.getLineNumber(), "no test named '" + test + "'");
                    }
                }
            }
            checkExpressions(child);
        }
    }

    /** The expressions a node evaluates, as written. */
    private static List<String> expressionsOf(Node node) {
        if (node instanceof ExpressionNode && node.getMaster() instanceof ExpressionToken token) {
            return List.of(token.getExpr());
        }
        if (!(node instanceof TagNode tag)) {
            return List.of();
        }
        String helpers = tag.getHelpers() == null ? "" : tag.getHelpers().strip();
        return switch (tag.getName()) {
            case "if", "elif", "unless", "do", "print" -> List.of(helpers);
            case "for" -> {
                try {
                    TemplateTags.Header header = TemplateTags.Header.parse(tag);
                    yield header.condition() == null ? List.of(header.iterable())
                            : List.of(header.iterable(), header.condition());
                } catch (InterpretException e) {
                    throw new SyntaxProblem(tag.getLineNumber(), e.getMessage());
                }
            }
            case "set" -> {
                int equals = helpers.indexOf('=');
                if (equals >= 0) {
                    yield List.of(helpers.substring(equals + 1));
                }
                int pipe = helpers.indexOf('|');
                yield pipe >= 0 ? List.of("caracal_block" + helpers.substring(pipe)) : List.of();
            }
            case "filter" -> List.of(helpers.isEmpty() ? "" : "caracal_block|" + helpers);
            default -> List.of();
        };
    }

    /** Renders a parsed template with the given variables. */
    Outcome render(Node root, Map<String, Object> variables) {
        JinjavaInterpreter interpreter = newInterpreter(variables);
        try (AutoCloseableSupplier.AutoCloseableImpl<JinjavaInterpreter> current =
                JinjavaInterpreter.closeablePushCurrent(interpreter).get()) {
            String output = interpreter.render(root, false);
            return new Outcome(output, new ArrayList<>(interpreter.getErrors()), null);
        } catch (RuntimeException | StackOverflowError e) {
            return new Outcome(null, new ArrayList<>(interpreter.getErrors()), e);
        }
    }

    private JinjavaInterpreter newInterpreter(Map<String, Object> variables) {
        Context context = new Context(jinjava.getGlobalContextCopy(), variables, config.getDisabled());
        context.setExpressionStrategy(JinjaEnvironment::printValue);
        return new JinjavaInterpreter(jinjava, context, config);
    }
}
