package dev.caracal.formats.template.jinja;

import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter.InterpreterScopeClosable;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.util.ForLoop;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Jinja2's {@code for} loop (with an {@code if} filter, an {@code else} block, tuple unpacking and
 * {@code loop.previtem} / {@code loop.nextitem}), an {@code if} that stops at {@code break} and {@code continue}, and
 * the {@code {% filter %}} block, which Jinjava lacks or does differently.
 */
final class TemplateTags {

    private TemplateTags() {
    }

    /** The tags, each replacing Jinjava's tag of the same name. */
    static List<Tag> tags() {
        return List.of(new JinjaForTag(), new JinjaIfTag(), new FilterBlockTag());
    }

    /** {@code {% for a, b in items if condition %}…{% else %}…{% endfor %}} as Jinja2 runs it. */
    static final class JinjaForTag extends ForTag {

        private static final long serialVersionUID = 1L;

        @Override
        public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
            Header header = Header.parse(tagNode);
            Object collection = interpreter.resolveELExpression(header.iterable(), tagNode.getLineNumber());
            List<Object> items = iterate(collection, tagNode);

            List<Node> body = new ArrayList<>();
            List<Node> otherwise = new ArrayList<>();
            List<Node> target = body;
            for (Node child : tagNode.getChildren()) {
                if (child instanceof TagNode tag && "else".equals(tag.getName()) && target == body) {
                    target = otherwise;
                    continue;
                }
                target.add(child);
            }

            if (header.condition() != null) {
                List<Object> kept = new ArrayList<>();
                for (Object item : items) {
                    try (InterpreterScopeClosable scope = interpreter.enterScope()) {
                        bind(interpreter, header.variables(), interpreter.wrap(item), tagNode);
                        Object keep = interpreter.resolveELExpression(header.condition(), tagNode.getLineNumber());
                        if (PythonValues.truthy(keep)) {
                            kept.add(item);
                        }
                    }
                }
                items = kept;
            }

            StringBuilder out = new StringBuilder();
            if (items.isEmpty()) {
                for (Node node : otherwise) {
                    out.append(node.render(interpreter).getValue());
                }
                return out.toString();
            }
            try (InterpreterScopeClosable scope = interpreter.enterScope()) {
                JinjaLoop loop = new JinjaLoop(items);
                interpreter.getContext().put(LOOP, loop);
                while (loop.hasNext()) {
                    Object item = interpreter.wrap(loop.next());
                    // as in Jinja2, what one pass assigns is gone in the next
                    try (InterpreterScopeClosable pass = interpreter.enterScope()) {
                        bind(interpreter, header.variables(), item, tagNode);
                        for (Node node : body) {
                            out.append(node.render(interpreter).getValue());
                            if (loop.isContinued()) {
                                break;
                            }
                        }
                    }
                    long limit = interpreter.getConfig().getMaxOutputSize();
                    if (limit > 0 && out.length() > limit) {
                        throw new InterpretException("the template's output passed " + limit + " characters",
                                tagNode.getLineNumber(), tagNode.getStartPosition());
                    }
                }
            }
            return out.toString();
        }

        private static List<Object> iterate(Object collection, TagNode tagNode) {
            List<Object> items = new ArrayList<>();
            if (collection == null) {
                return items;
            }
            if (collection instanceof Map<?, ?> map) {
                items.addAll(map.keySet());
            } else if (collection instanceof Iterable<?> iterable) {
                iterable.forEach(items::add);
            } else if (collection instanceof Object[] array) {
                items.addAll(List.of(array));
            } else if (PythonValues.isString(collection)) {
                collection.toString().chars().forEach(c -> items.add(String.valueOf((char) c)));
            } else {
                throw new InterpretException("'" + PythonValues.repr(collection) + "' is not iterable", null,
                        tagNode.getLineNumber(), tagNode.getStartPosition());
            }
            return items;
        }

        private static void bind(JinjavaInterpreter interpreter, List<String> variables, Object item, TagNode tagNode) {
            if (variables.size() == 1) {
                interpreter.getContext().put(variables.getFirst(), item);
                return;
            }
            List<Object> values = new ArrayList<>();
            if (item instanceof Map.Entry<?, ?> entry) {
                values.add(entry.getKey());
                values.add(entry.getValue());
            } else if (item instanceof Collection<?> collection) {
                values.addAll(collection);
            } else if (item != null && PythonValues.isString(item)) {
                item.toString().chars().forEach(c -> values.add(String.valueOf((char) c)));
            } else {
                throw new InterpretException("cannot unpack " + PythonValues.repr(item) + " into "
                        + String.join(", ", variables), null, tagNode.getLineNumber(), tagNode.getStartPosition());
            }
            if (values.size() != variables.size()) {
                throw new InterpretException("cannot unpack " + values.size() + " values into "
                        + String.join(", ", variables), null, tagNode.getLineNumber(), tagNode.getStartPosition());
            }
            for (int i = 0; i < variables.size(); i++) {
                interpreter.getContext().put(variables.get(i), interpreter.wrap(values.get(i)));
            }
        }
    }

    /** Whether a {@code break} or {@code continue} has ended the current pass of the innermost loop. */
    static boolean loopPassEnded(JinjavaInterpreter interpreter) {
        return interpreter.getContext().get(ForTag.LOOP) instanceof ForLoop loop && loop.isContinued();
    }

    /** {@code {% if %}…{% elif %}…{% else %}…{% endif %}} with Python's truth and loop controls that stop at once. */
    static final class JinjaIfTag extends com.hubspot.jinjava.lib.tag.IfTag {

        private static final long serialVersionUID = 1L;

        @Override
        public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
            StringBuilder out = new StringBuilder();
            boolean execute = holds(tagNode, interpreter);
            boolean executedAny = execute;
            for (Node node : tagNode.getChildren()) {
                if (node instanceof TagNode tag && ("elif".equals(tag.getName()) || "else".equals(tag.getName()))) {
                    if (executedAny) {
                        break;
                    }
                    execute = "else".equals(tag.getName()) || holds(tag, interpreter);
                    executedAny = execute;
                    continue;
                }
                if (execute) {
                    out.append(node.render(interpreter).getValue());
                    if (loopPassEnded(interpreter)) {
                        break;
                    }
                }
            }
            return out.toString();
        }

        private static boolean holds(TagNode tag, JinjavaInterpreter interpreter) {
            if (tag.getHelpers() == null || tag.getHelpers().isBlank()) {
                throw new InterpretException("Tag '" + tag.getName() + "' expects an expression", tag.getLineNumber(),
                        tag.getStartPosition());
            }
            return PythonValues.truthy(interpreter.resolveELExpression(tag.getHelpers(), tag.getLineNumber()));
        }
    }

    /** A {@code for} tag's header: the loop variables, the iterable expression and an optional filter condition. */
    record Header(List<String> variables, String iterable, String condition) {

        static Header parse(TagNode tagNode) {
            String helpers = tagNode.getHelpers().strip();
            int in = findKeyword(helpers, "in", 0);
            if (in < 0) {
                throw syntaxError(tagNode, "Tag 'for' expects 'in', got: " + helpers);
            }
            List<String> variables = new ArrayList<>();
            for (String variable : helpers.substring(0, in).split(",")) {
                String name = variable.strip();
                if (name.startsWith("(") && name.endsWith(")")) {
                    name = name.substring(1, name.length() - 1).strip();
                }
                if (!name.isEmpty()) {
                    variables.add(name.replace("(", "").replace(")", "").strip());
                }
            }
            if (variables.isEmpty()) {
                throw syntaxError(tagNode, "Tag 'for' expects a loop variable, got: " + helpers);
            }
            String rest = helpers.substring(in + 2).strip();
            if (rest.endsWith(" recursive") || rest.equals("recursive")) {
                throw syntaxError(tagNode, "recursive loops are not supported");
            }
            int condition = findKeyword(rest, "if", 0);
            if (condition < 0) {
                return new Header(variables, rest, null);
            }
            return new Header(variables, rest.substring(0, condition).strip(), rest.substring(condition + 2).strip());
        }

        private static InterpretException syntaxError(TagNode tagNode, String message) {
            return new InterpretException(message, tagNode.getLineNumber(), tagNode.getStartPosition());
        }

        /** Where the keyword stands as a word outside strings and brackets, or -1. */
        private static int findKeyword(String text, String keyword, int from) {
            int depth = 0;
            int i = from;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '\'' || c == '"') {
                    i = skipString(text, i);
                    continue;
                }
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    depth--;
                } else if (depth == 0 && text.startsWith(keyword, i)
                        && (i == 0 || !isWordCharacter(text.charAt(i - 1)))
                        && (i + keyword.length() == text.length() || !isWordCharacter(text.charAt(i + keyword.length())))) {
                    return i;
                }
                i++;
            }
            return -1;
        }

        private static boolean isWordCharacter(char c) {
            return Character.isLetterOrDigit(c) || c == '_';
        }

        private static int skipString(String text, int start) {
            char quote = text.charAt(start);
            int i = start + 1;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '\\') {
                    i += 2;
                } else if (c == quote) {
                    return i + 1;
                } else {
                    i++;
                }
            }
            return text.length();
        }
    }

    /** Jinja2's {@code loop} object: Jinjava's counters plus {@code previtem} and {@code nextitem}. */
    public static final class JinjaLoop extends ForLoop {

        private final List<Object> items;

        JinjaLoop(List<Object> items) {
            super(items.iterator(), items.size());
            this.items = items;
        }

        /** The item before this one, or nothing on the first. */
        public Object getPrevitem() {
            int index = getIndex0();
            return index > 0 ? JinjavaInterpreter.getCurrent().wrap(items.get(index - 1)) : null;
        }

        /** The item after this one, or nothing on the last. */
        public Object getNextitem() {
            int index = getIndex0();
            return index + 1 < items.size() ? JinjavaInterpreter.getCurrent().wrap(items.get(index + 1)) : null;
        }
    }

    /** {@code {% filter name(arguments) | other %}…{% endfilter %}}: the block's output through filters. */
    static final class FilterBlockTag implements Tag {

        private static final long serialVersionUID = 1L;
        private static final String INPUT = "caracal_filter_block_input";

        @Override
        public String getName() {
            return "filter";
        }

        @Override
        public String getEndTagName() {
            return "endfilter";
        }

        @Override
        public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
            StringBuilder block = new StringBuilder();
            for (Node child : tagNode.getChildren()) {
                block.append(child.render(interpreter).getValue());
            }
            String filters = tagNode.getHelpers().strip();
            if (filters.isEmpty()) {
                throw new InterpretException("Tag 'filter' needs a filter name", tagNode.getLineNumber(),
                        tagNode.getStartPosition());
            }
            try (InterpreterScopeClosable scope = interpreter.enterScope()) {
                interpreter.getContext().put(INPUT, block.toString());
                Object result = interpreter.resolveELExpression(INPUT + "|" + filters, tagNode.getLineNumber());
                return PythonValues.str(result);
            }
        }
    }
}
