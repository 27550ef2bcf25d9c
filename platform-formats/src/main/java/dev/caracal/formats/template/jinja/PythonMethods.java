package dev.caracal.formats.template.jinja;

import com.hubspot.jinjava.objects.SafeString;
import com.hubspot.jinjava.objects.collections.PyList;
import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELException;
import jinjava.javax.el.ELResolver;

/**
 * Python's string methods ({@code strip}, {@code split}, {@code startswith}, {@code title} …), dictionary methods
 * ({@code items}, {@code get}, {@code keys}, {@code values}) and stepped slices, called from template expressions as
 * on Python objects; placed before Jinjava's own resolvers, it answers only the calls it knows.
 */
final class PythonMethods extends ELResolver {

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (base == null || method == null) {
            return null;
        }
        String name = method.toString();
        Object[] arguments = params == null ? new Object[0] : params;
        Object result;
        boolean handled = true;
        if (base instanceof String || base instanceof SafeString) {
            result = switch (name) {
                case PythonExpressionSyntax.SLICE_METHOD -> sliceString(base.toString(), arguments);
                default -> {
                    Object answer = stringMethod(base.toString(), name, arguments);
                    handled = answer != NOT_A_METHOD;
                    yield answer;
                }
            };
        } else if (base instanceof Map<?, ?> map) {
            result = mapMethod(map, name, arguments);
            handled = result != NOT_A_METHOD;
        } else if (base instanceof List<?> list && PythonExpressionSyntax.SLICE_METHOD.equals(name)) {
            result = sliceList(list, arguments);
        } else {
            return null;
        }
        if (!handled) {
            return null;
        }
        context.setPropertyResolved(true);
        return result;
    }

    private static final Object NOT_A_METHOD = new Object();

    private static Object stringMethod(String text, String name, Object[] arguments) {
        return switch (name) {
            case "strip" -> strip(text, chars(arguments), true, true);
            case "lstrip" -> strip(text, chars(arguments), true, false);
            case "rstrip" -> strip(text, chars(arguments), false, true);
            case "split" -> split(text, argument(arguments, 0), maximumSplits(arguments));
            case "rsplit" -> rsplit(text, argument(arguments, 0), maximumSplits(arguments));
            case "splitlines" -> splitLines(text);
            case "startswith" -> matchesAffix(text, arguments, true);
            case "endswith" -> matchesAffix(text, arguments, false);
            case "upper" -> text.toUpperCase(Locale.ROOT);
            case "lower" -> text.toLowerCase(Locale.ROOT);
            case "title" -> title(text);
            case "capitalize" -> text.isEmpty() ? text
                    : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1).toLowerCase(Locale.ROOT);
            case "replace" -> replace(text, arguments);
            case "find" -> (long) text.indexOf(requireString(arguments, 0, "find"));
            case "rfind" -> (long) text.lastIndexOf(requireString(arguments, 0, "rfind"));
            case "count" -> count(text, requireString(arguments, 0, "count"));
            case "join" -> join(text, arguments);
            case "format" -> format(text, arguments);
            case "isdigit" -> !text.isEmpty() && text.chars().allMatch(Character::isDigit);
            case "isalpha" -> !text.isEmpty() && text.chars().allMatch(Character::isLetter);
            case "isalnum" -> !text.isEmpty() && text.chars().allMatch(Character::isLetterOrDigit);
            case "isspace" -> !text.isEmpty() && text.chars().allMatch(c -> isPythonSpace((char) c));
            case "isupper" -> text.chars().anyMatch(Character::isUpperCase) && !text.chars().anyMatch(Character::isLowerCase);
            case "islower" -> text.chars().anyMatch(Character::isLowerCase) && !text.chars().anyMatch(Character::isUpperCase);
            default -> NOT_A_METHOD;
        };
    }

    private static Object mapMethod(Map<?, ?> map, String name, Object[] arguments) {
        return switch (name) {
            case "items" -> {
                List<Object> items = new ArrayList<>(map.size());
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    items.add(new PyList(new ArrayList<>(java.util.Arrays.asList(entry.getKey(), entry.getValue()))));
                }
                yield items;
            }
            case "keys" -> new ArrayList<Object>(map.keySet());
            case "values" -> new ArrayList<Object>(map.values());
            case "get" -> {
                if (arguments.length < 1 || arguments.length > 2) {
                    throw new ELException("get expected 1 or 2 arguments, got " + arguments.length);
                }
                Object key = arguments[0] == null ? null : arguments[0].toString();
                yield map.containsKey(key) ? map.get(key) : (arguments.length == 2 ? arguments[1] : null);
            }
            default -> NOT_A_METHOD;
        };
    }

    private static Object argument(Object[] arguments, int index) {
        return index < arguments.length ? arguments[index] : null;
    }

    private static String chars(Object[] arguments) {
        Object chars = argument(arguments, 0);
        return chars == null ? null : chars.toString();
    }

    private static int maximumSplits(Object[] arguments) {
        Object maximum = argument(arguments, 1);
        return maximum instanceof Number number ? number.intValue() : -1;
    }

    private static String requireString(Object[] arguments, int index, String method) {
        Object value = argument(arguments, index);
        if (value == null || !PythonValues.isString(value)) {
            throw new ELException(method + "() needs a string argument");
        }
        return value.toString();
    }

    /** Python's {@code str.isspace()} for one character. */
    static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    /** Python's {@code strip}, {@code lstrip}, {@code rstrip}: whitespace, or any of {@code chars}. */
    static String strip(String text, String chars, boolean left, boolean right) {
        int start = 0;
        int end = text.length();
        if (left) {
            while (start < end && stripped(text.charAt(start), chars)) {
                start++;
            }
        }
        if (right) {
            while (end > start && stripped(text.charAt(end - 1), chars)) {
                end--;
            }
        }
        return text.substring(start, end);
    }

    private static boolean stripped(char c, String chars) {
        return chars == null ? isPythonSpace(c) : chars.indexOf(c) >= 0;
    }

    private static List<String> split(String text, Object separator, int maximumSplits) {
        List<String> parts = new ArrayList<>();
        if (separator == null) {
            int i = 0;
            int splits = 0;
            while (true) {
                while (i < text.length() && isPythonSpace(text.charAt(i))) {
                    i++;
                }
                if (i >= text.length()) {
                    break;
                }
                if (maximumSplits >= 0 && splits >= maximumSplits) {
                    parts.add(strip(text.substring(i), null, false, true));
                    break;
                }
                int start = i;
                while (i < text.length() && !isPythonSpace(text.charAt(i))) {
                    i++;
                }
                parts.add(text.substring(start, i));
                splits++;
            }
            return parts;
        }
        String sep = separator.toString();
        if (sep.isEmpty()) {
            throw new ELException("split(): empty separator");
        }
        int start = 0;
        int splits = 0;
        int at;
        while ((maximumSplits < 0 || splits < maximumSplits) && (at = text.indexOf(sep, start)) >= 0) {
            parts.add(text.substring(start, at));
            start = at + sep.length();
            splits++;
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static List<String> rsplit(String text, Object separator, int maximumSplits) {
        if (maximumSplits < 0 || separator == null) {
            return split(text, separator, maximumSplits);
        }
        String sep = separator.toString();
        if (sep.isEmpty()) {
            throw new ELException("rsplit(): empty separator");
        }
        List<String> parts = new ArrayList<>();
        int end = text.length();
        int splits = 0;
        int at;
        while (splits < maximumSplits && (at = text.lastIndexOf(sep, end - sep.length())) >= 0 && end - sep.length() >= 0) {
            parts.addFirst(text.substring(at + sep.length(), end));
            end = at;
            splits++;
        }
        parts.addFirst(text.substring(0, end));
        return parts;
    }

    /** Python's {@code str.splitlines()}: on any line boundary, without the boundaries, no final empty line. */
    static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (isLineBoundary(c)) {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
            i++;
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private static boolean isLineBoundary(char c) {
        return c == '\n' || c == '\r' || c == '\u000b' || c == '\u000c' || (c >= '\u001c' && c <= '\u001e')
                || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    private static boolean matchesAffix(String text, Object[] arguments, boolean prefix) {
        Object affixes = argument(arguments, 0);
        int start = argument(arguments, 1) instanceof Number number ? clamp(number.intValue(), text.length()) : 0;
        int end = argument(arguments, 2) instanceof Number number ? clamp(number.intValue(), text.length()) : text.length();
        String window = start <= end ? text.substring(start, end) : "";
        Collection<?> choices = affixes instanceof Collection<?> collection ? collection : List.of(String.valueOf(affixes));
        for (Object affix : choices) {
            if (affix == null) {
                throw new ELException((prefix ? "startswith" : "endswith") + "() needs a string argument");
            }
            String value = affix.toString();
            if (prefix ? window.startsWith(value) : window.endsWith(value)) {
                return true;
            }
        }
        return false;
    }

    private static int clamp(int index, int length) {
        int at = index < 0 ? index + length : index;
        return Math.max(0, Math.min(length, at));
    }

    /** Python's {@code str.title()}: a cased character after an uncased one starts a word. */
    static String title(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean previousCased = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(previousCased ? Character.toLowerCase(c) : Character.toTitleCase(c));
            previousCased = Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c);
        }
        return out.toString();
    }

    private static String replace(String text, Object[] arguments) {
        String old = requireString(arguments, 0, "replace");
        String replacement = requireString(arguments, 1, "replace");
        int count = argument(arguments, 2) instanceof Number number ? number.intValue() : -1;
        if (count < 0) {
            return text.replace(old, replacement);
        }
        StringBuilder out = new StringBuilder();
        int start = 0;
        int done = 0;
        while (done < count) {
            int at = old.isEmpty() ? (start <= text.length() ? start : -1) : text.indexOf(old, start);
            if (at < 0) {
                break;
            }
            out.append(text, start, at).append(replacement);
            if (old.isEmpty()) {
                if (at < text.length()) {
                    out.append(text.charAt(at));
                }
                start = at + 1;
            } else {
                start = at + old.length();
            }
            done++;
        }
        if (start <= text.length()) {
            out.append(text.substring(start));
        }
        return out.toString();
    }

    private static long count(String text, String part) {
        if (part.isEmpty()) {
            return text.length() + 1L;
        }
        long found = 0;
        int at = text.indexOf(part);
        while (at >= 0) {
            found++;
            at = text.indexOf(part, at + part.length());
        }
        return found;
    }

    private static String join(String separator, Object[] arguments) {
        Object items = argument(arguments, 0);
        if (!(items instanceof Iterable<?> iterable)) {
            throw new ELException("join() needs a list of strings");
        }
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (Object item : iterable) {
            if (!PythonValues.isString(item)) {
                throw new ELException("join(): sequence item is " + PythonValues.repr(item) + ", not a string");
            }
            if (!first) {
                out.append(separator);
            }
            first = false;
            out.append(item);
        }
        return out.toString();
    }

    /** Python's {@code str.format} for {@code {}}, {@code {0}} and {@code {{}}/{@code }}}; format specifications are ignored. */
    private static String format(String template, Object[] arguments) {
        StringBuilder out = new StringBuilder();
        int automatic = 0;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < template.length() && template.charAt(i + 1) == c) {
                out.append(c);
                i += 2;
                continue;
            }
            if (c != '{') {
                out.append(c);
                i++;
                continue;
            }
            int close = template.indexOf('}', i);
            if (close < 0) {
                throw new ELException("format(): single '{' encountered in format string");
            }
            String field = template.substring(i + 1, close);
            int colon = field.indexOf(':');
            String name = colon >= 0 ? field.substring(0, colon) : field;
            int index = name.isEmpty() ? automatic++ : Integer.parseInt(name);
            if (index >= arguments.length) {
                throw new ELException("format(): replacement index " + index + " out of range");
            }
            out.append(PythonValues.strOrNone(arguments[index]));
            i = close + 1;
        }
        return out.toString();
    }

    /** {@code text[start:stop:step]} with Python's rules for missing and negative bounds. */
    private static String sliceString(String text, Object[] arguments) {
        List<Integer> indices = sliceIndices(text.length(), arguments);
        StringBuilder out = new StringBuilder(indices.size());
        indices.forEach(index -> out.append(text.charAt(index)));
        return out.toString();
    }

    private static List<Object> sliceList(List<?> list, Object[] arguments) {
        List<Object> out = new ArrayList<>();
        sliceIndices(list.size(), arguments).forEach(index -> out.add(list.get(index)));
        return out;
    }

    /** The indices Python's {@code slice(start, stop, step).indices(length)} visits. */
    static List<Integer> sliceIndices(int length, Object[] arguments) {
        Object stepValue = argument(arguments, 2);
        int step = stepValue == null ? 1 : integer(stepValue);
        if (step == 0) {
            throw new ELException("slice step cannot be zero");
        }
        Object startValue = argument(arguments, 0);
        Object stopValue = argument(arguments, 1);
        int start;
        int stop;
        if (step > 0) {
            start = startValue == null ? 0 : bound(integer(startValue), length, 0, length);
            stop = stopValue == null ? length : bound(integer(stopValue), length, 0, length);
        } else {
            start = startValue == null ? length - 1 : bound(integer(startValue), length, -1, length - 1);
            stop = stopValue == null ? -1 : bound(integer(stopValue), length, -1, length - 1);
        }
        List<Integer> indices = new ArrayList<>();
        for (int i = start; step > 0 ? i < stop : i > stop; i += step) {
            indices.add(i);
        }
        return indices;
    }

    private static int integer(Object value) {
        if (!(value instanceof Number number)) {
            throw new ELException("slice indices must be integers or None, not " + PythonValues.repr(value));
        }
        return number.intValue();
    }

    private static int bound(int index, int length, int lowest, int highest) {
        int at = index < 0 ? index + length : index;
        return Math.max(lowest, Math.min(highest, at));
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
    }
}
