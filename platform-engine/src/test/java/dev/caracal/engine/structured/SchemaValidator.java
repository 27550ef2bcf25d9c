package dev.caracal.engine.structured;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Validates a JSON value against a schema of the subset the grammar compiler supports (an independent check). */
public final class SchemaValidator {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final JsonNode root;

    public SchemaValidator(JsonNode root) {
        this.root = root;
    }

    /** What is wrong with {@code value}; empty when it is valid. */
    public List<String> errors(JsonNode value) {
        List<String> errors = new ArrayList<>();
        validate(value, root, "$", errors);
        return errors;
    }

    private void validate(JsonNode value, JsonNode schema, String at, List<String> errors) {
        if (schema.isBoolean()) {
            if (!schema.booleanValue()) {
                errors.add(at + ": the schema is false");
            }
            return;
        }
        if (value.isNull() && schema.path("nullable").asBoolean(false)) {
            return;
        }
        if (schema.has("$ref")) {
            validate(value, root.at(schema.get("$ref").stringValue().substring(1)), at, errors);
        }
        if (schema.has("anyOf") && count(value, schema.get("anyOf"), at) == 0) {
            errors.add(at + ": matches no anyOf alternative");
        }
        if (schema.has("oneOf") && count(value, schema.get("oneOf"), at) != 1) {
            errors.add(at + ": matches not exactly one oneOf alternative");
        }
        if (schema.has("allOf")) {
            schema.get("allOf").forEach(s -> validate(value, s, at, errors));
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            errors.add(at + ": " + value + " is not in the enum");
        }
        if (schema.has("const") && !same(schema.get("const"), value)) {
            errors.add(at + ": " + value + " is not the const");
        }
        if (schema.has("type") && !hasType(value, schema.get("type"))) {
            errors.add(at + ": " + value + " is not of type " + schema.get("type"));
        }
        if (value.isObject()) {
            object(value, schema, at, errors);
        } else if (value.isArray()) {
            array(value, schema, at, errors);
        } else if (value.isString()) {
            string(value.stringValue(), schema, at, errors);
        } else if (value.isNumber()) {
            number(value.decimalValue(), schema, at, errors);
        }
    }

    private int count(JsonNode value, JsonNode alternatives, String at) {
        int valid = 0;
        for (JsonNode alternative : alternatives) {
            List<String> errors = new ArrayList<>();
            validate(value, alternative, at, errors);
            valid += errors.isEmpty() ? 1 : 0;
        }
        return valid;
    }

    private void object(JsonNode value, JsonNode schema, String at, List<String> errors) {
        JsonNode properties = schema.path("properties");
        for (JsonNode name : schema.path("required")) {
            if (!value.has(name.stringValue())) {
                errors.add(at + ": the required property " + name + " is missing");
            }
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String where = at + "." + entry.getKey();
            if (properties.has(entry.getKey())) {
                validate(entry.getValue(), properties.get(entry.getKey()), where, errors);
            } else if (schema.has("additionalProperties")) {
                validate(entry.getValue(), schema.get("additionalProperties"), where, errors);
            }
        }
    }

    private void array(JsonNode value, JsonNode schema, String at, List<String> errors) {
        JsonNode prefix = schema.has("prefixItems") ? schema.get("prefixItems")
                : schema.path("items").isArray() ? schema.get("items") : null;
        JsonNode rest = schema.has("prefixItems") ? schema.get("items")
                : prefix != null ? schema.get("additionalItems") : schema.get("items");
        for (int i = 0; i < value.size(); i++) {
            JsonNode itemSchema = prefix != null && i < prefix.size() ? prefix.get(i) : rest;
            if (itemSchema != null) {
                validate(value.get(i), itemSchema, at + "[" + i + "]", errors);
            }
        }
        if (schema.has("minItems") && value.size() < schema.get("minItems").intValue()) {
            errors.add(at + ": fewer than minItems");
        }
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").intValue()) {
            errors.add(at + ": more than maxItems");
        }
    }

    private void string(String text, JsonNode schema, String at, List<String> errors) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                errors.add(at + ": a lone surrogate");
            }
        }
        int length = text.codePointCount(0, text.length());
        if (schema.has("minLength") && length < schema.get("minLength").intValue()) {
            errors.add(at + ": shorter than minLength");
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").intValue()) {
            errors.add(at + ": longer than maxLength");
        }
        if (schema.has("format") && !hasFormat(text, schema.get("format").stringValue())) {
            errors.add(at + ": '" + text + "' is not a " + schema.get("format"));
        }
    }

    private static boolean hasFormat(String text, String format) {
        try {
            switch (format) {
                case "date" -> LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
                case "time" -> OffsetTime.parse(text, DateTimeFormatter.ISO_OFFSET_TIME);
                case "date-time" -> OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                case "uuid" -> {
                    return UUID.matcher(text).matches();
                }
                default -> throw new IllegalArgumentException("format " + format);
            }
            // ISO_LOCAL_TIME also takes HH:MM; RFC 3339 needs the seconds.
            return format.equals("date") || text.matches(".*\\d\\d:\\d\\d:\\d\\d.*");
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private void number(BigDecimal number, JsonNode schema, String at, List<String> errors) {
        if (schema.has("minimum")) {
            boolean draft4Exclusive = schema.path("exclusiveMinimum").asBoolean(false);
            int c = number.compareTo(schema.get("minimum").decimalValue());
            if (c < 0 || draft4Exclusive && c == 0) {
                errors.add(at + ": " + number + " is below the minimum");
            }
        }
        if (schema.has("maximum")) {
            boolean draft4Exclusive = schema.path("exclusiveMaximum").asBoolean(false);
            int c = number.compareTo(schema.get("maximum").decimalValue());
            if (c > 0 || draft4Exclusive && c == 0) {
                errors.add(at + ": " + number + " is above the maximum");
            }
        }
        JsonNode exclusiveMinimum = schema.path("exclusiveMinimum");
        if (exclusiveMinimum.isNumber() && number.compareTo(exclusiveMinimum.decimalValue()) <= 0) {
            errors.add(at + ": " + number + " is not above the exclusive minimum");
        }
        JsonNode exclusiveMaximum = schema.path("exclusiveMaximum");
        if (exclusiveMaximum.isNumber() && number.compareTo(exclusiveMaximum.decimalValue()) >= 0) {
            errors.add(at + ": " + number + " is not below the exclusive maximum");
        }
    }

    private static boolean hasType(JsonNode value, JsonNode type) {
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (hasType(value, one)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.stringValue()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "integer" -> value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> false;
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode candidate : values) {
            if (same(candidate, value)) {
                return true;
            }
        }
        return false;
    }

    /** JSON equality, numbers by value. */
    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }
}
