package dev.caracal.formats.template.jinja;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The filters and tests whose Jinja2 (and transformers) behaviour differs from Jinjava's own: {@code tojson},
 * {@code trim}, {@code indent}, {@code items}, {@code string}, {@code join}, {@code title}, {@code list}, {@code sum},
 * {@code sort}, and the tests
 * {@code iterable} and {@code sequence} (true for strings, as in Python).
 */
final class TemplateFilters {

    private TemplateFilters() {
    }

    /** The filters, each replacing Jinjava's filter of the same name. */
    static List<Filter> filters() {
        return List.of(
                filter("tojson", TemplateFilters::toJson),
                filter("trim", (value, arguments, named) -> PythonMethods.strip(
                        PythonValues.str(value), arguments.length > 0 && arguments[0] != null
                                ? arguments[0].toString() : (String) named.get("chars"), true, true)),
                filter("indent", TemplateFilters::indent),
                filter("items", (value, arguments, named) -> items(value)),
                filter("string", (value, arguments, named) -> PythonValues.strOrNone(value)),
                filter("join", TemplateFilters::join),
                filter("title", (value, arguments, named) -> jinjaTitle(PythonValues.str(value))),
                filter("list", (value, arguments, named) -> toList(value)),
                filter("sum", TemplateFilters::sum),
                filter("sort", TemplateFilters::sort));
    }

    /** The tests, each replacing Jinjava's test of the same name. */
    static List<ExpTest> tests() {
        return List.of(
                test("iterable", value -> value instanceof Iterable<?> || value instanceof Map<?, ?>
                        || PythonValues.isString(value) || (value != null && value.getClass().isArray())),
                test("sequence", value -> value instanceof Collection<?> || value instanceof Map<?, ?>
                        || PythonValues.isString(value) || (value != null && value.getClass().isArray())),
                test("string", PythonValues::isString));
    }

    /** A filter body: the value, positional arguments and named arguments. */
    @FunctionalInterface
    interface FilterBody {
        Object apply(Object value, Object[] arguments, Map<String, Object> named);
    }

    private static Filter filter(String name, FilterBody body) {
        return new Filter() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Object filter(Object value, JinjavaInterpreter interpreter, String... arguments) {
                return body.apply(value, arguments, Map.of());
            }

            @Override
            public Object filter(Object value, JinjavaInterpreter interpreter, Object[] arguments,
                    Map<String, Object> named) {
                try {
                    return body.apply(value, arguments, named);
                } catch (IllegalArgumentException e) {
                    throw new TemplateSyntaxException(interpreter, name, "filter '" + name + "': " + e.getMessage());
                }
            }
        };
    }

    private static ExpTest test(String name, java.util.function.Predicate<Object> predicate) {
        return new ExpTest() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public boolean evaluate(Object value, JinjavaInterpreter interpreter, Object... arguments) {
                return predicate.test(value);
            }
        };
    }

    /** transformers' {@code tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False)}. */
    private static Object toJson(Object value, Object[] arguments, Map<String, Object> named) {
        Object indent = named.containsKey("indent") ? named.get("indent") : argument(arguments, 0);
        Object separators = named.get("separators");
        String itemSeparator = null;
        String keySeparator = null;
        if (separators instanceof List<?> pair && pair.size() == 2) {
            itemSeparator = PythonValues.str(pair.get(0));
            keySeparator = PythonValues.str(pair.get(1));
        }
        boolean sortKeys = PythonValues.truthy(named.get("sort_keys"));
        if (Boolean.TRUE.equals(named.get("ensure_ascii"))) {
            return asciiOnly(PythonValues.json(value, indent, itemSeparator, keySeparator, sortKeys));
        }
        return PythonValues.json(value, indent, itemSeparator, keySeparator, sortKeys);
    }

    private static String asciiOnly(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Jinja2's {@code indent(width=4, first=False, blank=False)}. */
    private static Object indent(Object value, Object[] arguments, Map<String, Object> named) {
        Object width = named.containsKey("width") ? named.get("width") : argument(arguments, 0);
        boolean first = PythonValues.truthy(named.containsKey("first") ? named.get("first") : argument(arguments, 1));
        boolean blank = PythonValues.truthy(named.containsKey("blank") ? named.get("blank") : argument(arguments, 2));
        String indentation = width == null ? "    "
                : PythonValues.isString(width) ? width.toString() : " ".repeat(((Number) width).intValue());
        List<String> lines = PythonMethods.splitLines(PythonValues.str(value) + "\n");
        StringBuilder out = new StringBuilder();
        if (blank) {
            out.append(String.join("\n" + indentation, lines));
        } else {
            out.append(lines.isEmpty() ? "" : lines.getFirst());
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                out.append('\n');
                if (!line.isEmpty()) {
                    out.append(indentation);
                }
                out.append(line);
            }
        }
        return first ? indentation + out : out.toString();
    }

    /** Jinja2's {@code items} filter: a dictionary's key and value pairs; nothing for an undefined value. */
    private static Object items(Object value) {
        List<Object> pairs = new ArrayList<>();
        if (value == null) {
            return pairs;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("can only get item pairs from a mapping");
        }
        map.forEach((key, item) -> pairs.add(new ArrayList<>(Arrays.asList(key, item))));
        return pairs;
    }

    /** Jinja2's {@code join(d='', attribute=None)}: each item as Python's {@code str()}. */
    private static Object join(Object value, Object[] arguments, Map<String, Object> named) {
        Object separator = named.containsKey("d") ? named.get("d") : argument(arguments, 0);
        Object attribute = named.containsKey("attribute") ? named.get("attribute") : argument(arguments, 1);
        if (value == null) {
            return "";
        }
        Iterable<?> items = value instanceof Iterable<?> iterable ? iterable
                : value instanceof Map<?, ?> map ? map.keySet()
                : PythonValues.isString(value) ? value.toString().chars().mapToObj(c -> String.valueOf((char) c)).toList()
                : List.of(value);
        StringBuilder out = new StringBuilder();
        boolean firstItem = true;
        for (Object item : items) {
            if (!firstItem) {
                out.append(separator == null ? "" : PythonValues.str(separator));
            }
            firstItem = false;
            Object shown = attribute != null && item instanceof Map<?, ?> map ? map.get(attribute.toString()) : item;
            out.append(PythonValues.strOrNone(shown));
        }
        return out.toString();
    }

    /** Jinja2's {@code list}: a string's characters, a dictionary's keys, a sequence's items. */
    private static List<Object> toList(Object value) {
        List<Object> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        if (PythonValues.isString(value)) {
            value.toString().chars().forEach(c -> items.add(String.valueOf((char) c)));
        } else if (value instanceof Map<?, ?> map) {
            items.addAll(map.keySet());
        } else if (value instanceof Iterable<?> iterable) {
            iterable.forEach(items::add);
        } else if (value instanceof Object[] array) {
            items.addAll(Arrays.asList(array));
        } else {
            throw new IllegalArgumentException(PythonValues.repr(value) + " is not iterable");
        }
        return items;
    }

    /** Jinja2's {@code sum(iterable, attribute=None, start=0)}; whole numbers stay whole. */
    private static Object sum(Object value, Object[] arguments, Map<String, Object> named) {
        Object attribute = named.containsKey("attribute") ? named.get("attribute") : argument(arguments, 0);
        Object start = named.containsKey("start") ? named.get("start") : argument(arguments, 1);
        long whole = start instanceof Number number && !(start instanceof Double) ? number.longValue() : 0;
        double fraction = start instanceof Double number ? number : 0;
        boolean floating = start instanceof Double;
        for (Object item : toList(value)) {
            Object term = attribute != null ? attributeOf(item, attribute.toString()) : item;
            if (term instanceof Double || term instanceof Float || term instanceof java.math.BigDecimal) {
                floating = true;
                fraction += ((Number) term).doubleValue();
            } else if (term instanceof Number number) {
                whole += number.longValue();
            } else if (term instanceof Boolean bool) {
                whole += bool ? 1 : 0;
            } else {
                throw new IllegalArgumentException("cannot add " + PythonValues.repr(term) + " to a number");
            }
        }
        return floating ? (Object) (whole + fraction) : (Object) whole;
    }

    /** Jinja2's {@code sort(reverse=False, case_sensitive=False, attribute=None)}. */
    private static Object sort(Object value, Object[] arguments, Map<String, Object> named) {
        boolean reverse = PythonValues.truthy(named.containsKey("reverse") ? named.get("reverse") : argument(arguments, 0));
        boolean caseSensitive = PythonValues.truthy(
                named.containsKey("case_sensitive") ? named.get("case_sensitive") : argument(arguments, 1));
        Object attribute = named.containsKey("attribute") ? named.get("attribute") : argument(arguments, 2);
        List<Object> items = toList(value);
        java.util.Comparator<Object> order = (left, right) -> {
            Object a = attribute != null ? attributeOf(left, attribute.toString()) : left;
            Object b = attribute != null ? attributeOf(right, attribute.toString()) : right;
            return compare(a, b, caseSensitive);
        };
        items.sort(reverse ? order.reversed() : order);
        return items;
    }

    private static int compare(Object a, Object b, boolean caseSensitive) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (PythonValues.isString(a) && PythonValues.isString(b)) {
            String x = a.toString();
            String y = b.toString();
            return caseSensitive ? x.compareTo(y) : x.toLowerCase(java.util.Locale.ROOT).compareTo(y.toLowerCase(java.util.Locale.ROOT));
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        throw new IllegalArgumentException("cannot order " + PythonValues.repr(a) + " and " + PythonValues.repr(b));
    }

    /** An item's attribute or key, following dots ({@code "a.b"}) and numeric indices as Jinja2 does. */
    private static Object attributeOf(Object item, String path) {
        Object at = item;
        for (String part : path.split("\\.")) {
            if (at instanceof Map<?, ?> map) {
                at = map.get(part);
            } else if (at instanceof List<?> list && part.chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(part);
                at = index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
        }
        return at;
    }

    private static final Pattern WORD_BEGINNING = Pattern.compile("([-\\s({\\[<]+)");

    /** Jinja2's {@code title} filter: each word's first letter upper case, the rest lower case. */
    private static String jinjaTitle(String text) {
        StringBuilder out = new StringBuilder();
        Matcher matcher = WORD_BEGINNING.matcher(text);
        int start = 0;
        while (matcher.find()) {
            appendTitled(out, text.substring(start, matcher.start()));
            out.append(matcher.group());
            start = matcher.end();
        }
        appendTitled(out, text.substring(start));
        return out.toString();
    }

    private static void appendTitled(StringBuilder out, String word) {
        if (!word.isEmpty()) {
            out.append(word.substring(0, 1).toUpperCase(java.util.Locale.ROOT))
                    .append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static Object argument(Object[] arguments, int index) {
        return arguments != null && index < arguments.length ? arguments[index] : null;
    }
}
