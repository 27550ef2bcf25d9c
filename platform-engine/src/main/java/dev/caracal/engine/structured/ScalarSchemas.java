package dev.caracal.engine.structured;

import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/** The string, integer and number parts of a JSON schema: lengths, formats and bounds. */
final class ScalarSchemas {

    private ScalarSchemas() {
    }

    /** A string with the schema's lengths (code points) or its format. */
    static Element string(JsonNode schema, String path) {
        int min = count(schema, "minLength", 0, path);
        int max = count(schema, "maxLength", JsonStringState.UNBOUNDED, path);
        JsonNode format = schema.get("format");
        if (format != null) {
            String name = format.isString() ? format.stringValue() : format.toString();
            if (!StringFormats.isSupported(name)) {
                throw new UnsupportedSchemaException("format", path,
                        "with value '" + name + "' (supported formats: " + StringFormats.NAMES + ")");
            }
            if (schema.has("minLength") || schema.has("maxLength")) {
                throw new UnsupportedSchemaException(schema.has("minLength") ? "minLength" : "maxLength", path,
                        "together with 'format'");
            }
            return StringFormats.element(name);
        }
        if (min > max) {
            throw new IllegalArgumentException("no string satisfies minLength " + min + " and maxLength " + max + " at "
                    + path);
        }
        return new LeafElement(JsonStringState.start(min, max));
    }

    /** An integer or number within the schema's bounds. */
    static Element number(JsonNode schema, boolean integer, String path) {
        Bound lower = bound(schema, "minimum", "exclusiveMinimum", true, path);
        Bound upper = bound(schema, "maximum", "exclusiveMaximum", false, path);
        String format = schema.path("format").asString("");
        if (integer && (format.equals("int32") || format.equals("int64"))) { // OpenAPI's integer formats, as bounds
            boolean narrow = format.equals("int32");
            lower = lower.tighten(BigDecimal.valueOf(narrow ? Integer.MIN_VALUE : Long.MIN_VALUE), true);
            upper = upper.tighten(BigDecimal.valueOf(narrow ? Integer.MAX_VALUE : Long.MAX_VALUE), false);
        }
        NumberRules rules = lower.value == null && upper.value == null ? NumberRules.unbounded(integer)
                : NumberRules.of(integer, lower.value, lower.exclusive, upper.value, upper.exclusive, path);
        return new LeafElement(JsonNumberState.start(rules));
    }

    /** A bound from {@code minimum}/{@code exclusiveMinimum} (numbers, or draft 4's boolean), the stricter one. */
    private static Bound bound(JsonNode schema, String inclusiveName, String exclusiveName, boolean lower,
            String path) {
        JsonNode inclusive = schema.get(inclusiveName);
        JsonNode exclusive = schema.get(exclusiveName);
        BigDecimal value = inclusive == null ? null : decimal(inclusive, inclusiveName, path);
        boolean strict = false;
        if (exclusive != null && exclusive.isBoolean()) {
            strict = exclusive.booleanValue() && value != null;
        } else if (exclusive != null) {
            BigDecimal other = decimal(exclusive, exclusiveName, path);
            int c = value == null ? 0 : other.compareTo(value);
            if (value == null || (lower ? c >= 0 : c <= 0)) {
                value = other;
                strict = true;
            }
        }
        return new Bound(value, strict);
    }

    private record Bound(BigDecimal value, boolean exclusive) {

        /** This bound or the inclusive {@code limit}, whichever is stricter ({@code lower}: a lower bound). */
        Bound tighten(BigDecimal limit, boolean lower) {
            int c = value == null ? 0 : limit.compareTo(value);
            return value == null || (lower ? c > 0 : c < 0) ? new Bound(limit, false) : this;
        }
    }

    private static BigDecimal decimal(JsonNode node, String keyword, String path) {
        if (!node.isNumber()) {
            throw new IllegalArgumentException("'" + keyword + "' at " + path + " must be a number");
        }
        return node.decimalValue();
    }

    /** A non-negative integer keyword, or {@code absent}. */
    static int count(JsonNode schema, String keyword, int absent, String path) {
        JsonNode node = schema.get(keyword);
        if (node == null) {
            return absent;
        }
        if (!node.isNumber() || node.decimalValue().signum() < 0
                || node.decimalValue().stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("'" + keyword + "' at " + path + " must be a non-negative integer");
        }
        return node.canConvertToInt() ? node.intValue() : Integer.MAX_VALUE;
    }
}
