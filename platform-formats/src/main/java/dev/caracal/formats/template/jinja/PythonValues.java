package dev.caracal.formats.template.jinja;

import com.hubspot.jinjava.objects.Namespace;
import com.hubspot.jinjava.objects.SafeString;
import com.hubspot.jinjava.objects.collections.PyMap;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Python's view of the values a template handles: {@code str()}, {@code repr()}, {@code json.dumps} as transformers
 * calls it, and copies of JSON-like input that templates may read but never change.
 */
final class PythonValues {

    private PythonValues() {
    }

    /** A deep copy of a JSON-like value (maps, lists, scalars), with map keys as strings in their given order. */
    static Object toTemplateValue(Object value) {
        if (value instanceof JsonTextMap jsonText) {
            return jsonText;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), toTemplateValue(item)));
            return copy;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> copy = new ArrayList<>(collection.size());
            collection.forEach(item -> copy.add(toTemplateValue(item)));
            return copy;
        }
        if (value instanceof Object[] array) {
            return toTemplateValue(List.of(array));
        }
        if (value instanceof Optional<?> optional) {
            return toTemplateValue(optional.orElse(null));
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        // numbers as the template's own literals are: whole numbers Long, others Double
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float number) {
            return number.doubleValue();
        }
        return value;
    }

    /** Python's {@code ==}: no conversion between strings and numbers, {@code 1 == 1.0}, {@code True == 1}. */
    static boolean pythonEquals(Object left, Object right) {
        if (left == null || right == null) {
            return left == right;
        }
        if (left instanceof PyMap map) {
            return pythonEquals(map.toMap(), right);
        }
        if (right instanceof PyMap map) {
            return pythonEquals(left, map.toMap());
        }
        if (isString(left) && isString(right)) {
            return left.toString().equals(right.toString());
        }
        if (isNumeric(left) && isNumeric(right)) {
            return numeric(left).compareTo(numeric(right)) == 0;
        }
        if (left instanceof Map<?, ?> first && right instanceof Map<?, ?> second) {
            if (first.size() != second.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : first.entrySet()) {
                if (!second.containsKey(entry.getKey()) || !pythonEquals(entry.getValue(), second.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (left instanceof List<?> first && right instanceof List<?> second) {
            if (first.size() != second.size()) {
                return false;
            }
            for (int i = 0; i < first.size(); i++) {
                if (!pythonEquals(first.get(i), second.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return left.equals(right);
    }

    private static boolean isNumeric(Object value) {
        return value instanceof Number || value instanceof Boolean;
    }

    private static BigDecimal numeric(Object value) {
        if (value instanceof Boolean bool) {
            return bool ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number) ? new BigDecimal(number) : BigDecimal.valueOf(Long.MAX_VALUE);
        }
        return BigDecimal.valueOf(((Number) value).longValue());
    }

    /** The value as a string, unwrapped: {@code SafeString} and other character sequences as their text. */
    static boolean isString(Object value) {
        return value instanceof CharSequence || value instanceof SafeString || value instanceof Character;
    }

    /** Python's {@code str(value)}, except that {@code None} (and undefined) is the empty string. */
    static String str(Object value) {
        if (value == null) {
            return "";
        }
        if (isString(value)) {
            return value.toString();
        }
        return repr(value);
    }

    /** Python's {@code str(value)} where {@code None} is {@code "None"} (the {@code ~} operator, {@code | string}). */
    static String strOrNone(Object value) {
        return value == null ? "None" : str(value);
    }

    /** Python's {@code repr(value)} for the values a template handles. */
    static String repr(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof JsonTextMap jsonText) {
            return jsonText.toString();
        }
        if (value instanceof PyMap pyMap && pyMap.toMap() instanceof JsonTextMap jsonText) {
            return jsonText.toString();
        }
        if (isString(value)) {
            return quote(value.toString());
        }
        if (value instanceof Boolean bool) {
            return bool ? "True" : "False";
        }
        if (value instanceof Double || value instanceof Float) {
            return floatRepr(((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal decimal) {
            return floatRepr(decimal.doubleValue());
        }
        if (value instanceof Number number) {
            return number.toString();
        }
        if (value instanceof Namespace namespace) {
            StringBuilder out = new StringBuilder("<Namespace {");
            appendDictItems(out, namespace);
            return out.append("}>").toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            appendDictItems(out, map);
            return out.append('}').toString();
        }
        if (value instanceof Map.Entry<?, ?> entry) {
            return "(" + repr(entry.getKey()) + ", " + repr(entry.getValue()) + ")";
        }
        if (value instanceof Iterable<?> iterable) {
            StringBuilder out = new StringBuilder("[");
            boolean first = true;
            for (Object item : iterable) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                out.append(repr(item));
            }
            return out.append(']').toString();
        }
        if (value instanceof Object[] array) {
            return repr(List.of(array));
        }
        return value.toString();
    }

    private static void appendDictItems(StringBuilder out, Map<?, ?> map) {
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            out.append(repr(entry.getKey())).append(": ").append(repr(entry.getValue()));
        }
    }

    /** Python's string {@code repr}: single quotes unless the text has a single quote and no double quote. */
    private static String quote(String text) {
        char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(text.length() + 2).append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == quote) {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append(quote).toString();
    }

    /** Python's {@code repr(float)}: the shortest digits that read back, as in {@code 1.0}, {@code 1e-05}, {@code 1e+16}. */
    static String floatRepr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        String digits = decimal.unscaledValue().abs().toString();
        // value = 0.digits * 10^exponent, Python's decimal point position
        int exponent = digits.length() - decimal.scale();
        String sign = value < 0 ? "-" : "";
        if (exponent > -4 && exponent <= 16) {
            if (exponent <= 0) {
                return sign + "0." + "0".repeat(-exponent) + digits;
            }
            if (exponent >= digits.length()) {
                return sign + digits + "0".repeat(exponent - digits.length()) + ".0";
            }
            return sign + digits.substring(0, exponent) + "." + digits.substring(exponent);
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        int scientific = exponent - 1;
        String exponentText = String.format("%02d", Math.abs(scientific));
        return sign + mantissa + "e" + (scientific < 0 ? "-" : "+") + exponentText;
    }

    /** Python's truth value: {@code None}, {@code False}, zero, and empty strings and collections are false. */
    static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (isString(value)) {
            return !value.toString().isEmpty();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() != 0;
        }
        if (value instanceof BigInteger integer) {
            return integer.signum() != 0;
        }
        if (value instanceof Number number) {
            return number.doubleValue() != 0;
        }
        if (value instanceof Collection<?> collection) {
            return !collection.isEmpty();
        }
        if (value instanceof Map<?, ?> map) {
            return !map.isEmpty();
        }
        return true;
    }

    /**
     * {@code json.dumps(value, ensure_ascii=False, indent=indent, separators=separators, sort_keys=sortKeys)}, the
     * {@code tojson} filter of transformers' chat templates.
     *
     * @param indent         spaces per level as a number, the indent text itself as a string, or {@code null} for
     *                       one line
     * @param itemSeparator  between items; {@code null} for Python's default ({@code ", "}, or {@code ","} with an
     *                       indent)
     * @param keySeparator   between a key and its value; {@code null} for {@code ": "}
     */
    static String json(Object value, Object indent, String itemSeparator, String keySeparator, boolean sortKeys) {
        String indentText = null;
        if (indent instanceof Number number) {
            indentText = " ".repeat(Math.max(0, number.intValue()));
        } else if (indent != null && isString(indent)) {
            indentText = indent.toString();
        }
        String items = itemSeparator != null ? itemSeparator : (indentText != null ? "," : ", ");
        String keys = keySeparator != null ? keySeparator : ": ";
        StringBuilder out = new StringBuilder();
        new JsonWriter(out, indentText, items, keys, sortKeys).write(value, 0);
        return out.toString();
    }

    /** Writes JSON the way Python's {@code json} module does. */
    private record JsonWriter(StringBuilder out, String indent, String itemSeparator, String keySeparator,
            boolean sortKeys) {

        void write(Object value, int level) {
            if (value == null) {
                out.append("null");
            } else if (value instanceof PyMap pyMap) {
                write(pyMap.toMap(), level);
            } else if (isString(value)) {
                writeString(value.toString());
            } else if (value instanceof Boolean bool) {
                out.append(bool ? "true" : "false");
            } else if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
                double number = ((Number) value).doubleValue();
                if (Double.isNaN(number)) {
                    out.append("NaN");
                } else if (Double.isInfinite(number)) {
                    out.append(number > 0 ? "Infinity" : "-Infinity");
                } else {
                    out.append(floatRepr(number));
                }
            } else if (value instanceof Number number) {
                out.append(number);
            } else if (value instanceof Namespace) {
                throw new IllegalArgumentException("Object of type Namespace is not JSON serializable");
            } else if (value instanceof Map<?, ?> map) {
                writeObject(map, level);
            } else if (value instanceof Map.Entry<?, ?> entry) {
                writeArray(List.of(entry.getKey(), entry.getValue()), level);
            } else if (value instanceof Iterable<?> iterable) {
                List<Object> items = new ArrayList<>();
                iterable.forEach(items::add);
                writeArray(items, level);
            } else if (value instanceof Object[] array) {
                writeArray(List.of(array), level);
            } else {
                throw new IllegalArgumentException(
                        "Object of type " + value.getClass().getSimpleName() + " is not JSON serializable");
            }
        }

        private void writeObject(Map<?, ?> map, int level) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            if (sortKeys) {
                entries.sort(Comparator.comparing(entry -> jsonKey(entry.getKey())));
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : entries) {
                if (!first) {
                    out.append(itemSeparator);
                }
                first = false;
                newline(level + 1);
                writeString(jsonKey(entry.getKey()));
                out.append(keySeparator);
                write(entry.getValue(), level + 1);
            }
            newline(level);
            out.append('}');
        }

        private void writeArray(List<?> items, int level) {
            if (items.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    out.append(itemSeparator);
                }
                first = false;
                newline(level + 1);
                write(item, level + 1);
            }
            newline(level);
            out.append(']');
        }

        private void newline(int level) {
            if (indent != null) {
                out.append('\n').append(indent.repeat(level));
            }
        }

        private static String jsonKey(Object key) {
            if (key == null) {
                return "null";
            }
            if (key instanceof Boolean bool) {
                return bool ? "true" : "false";
            }
            if (key instanceof Double || key instanceof Float) {
                return floatRepr(((Number) key).doubleValue());
            }
            return key.toString();
        }

        private void writeString(String text) {
            out.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
