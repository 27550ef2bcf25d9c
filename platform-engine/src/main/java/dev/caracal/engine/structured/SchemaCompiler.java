package dev.caracal.engine.structured;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Turns one JSON schema into grammar elements, node by node: composition ({@code $ref}, {@code anyOf}, {@code oneOf},
 * {@code allOf}), {@code enum}/{@code const}, then the types. Each {@code $ref} target is compiled once and shared, so
 * recursive schemas become recursive grammars.
 */
final class SchemaCompiler {

    private static final List<String> COMPOSITION = List.of("$ref", "anyOf", "oneOf", "allOf");
    private static final List<String> OBJECT_KEYWORDS = List.of("properties", "required", "additionalProperties");
    private static final List<String> ARRAY_KEYWORDS = List.of("items", "prefixItems", "additionalItems", "minItems",
            "maxItems");
    private static final List<String> STRING_KEYWORDS = List.of("minLength", "maxLength", "format");
    private static final List<String> NUMBER_KEYWORDS = List.of("minimum", "maximum", "exclusiveMinimum",
            "exclusiveMaximum");
    private static final List<String> TYPES = List.of("object", "array", "string", "integer", "number", "boolean",
            "null");

    private final JsonNode root;
    private final Map<String, ReferenceElement> references = new HashMap<>();

    SchemaCompiler(JsonNode root) {
        this.root = root;
    }

    /** The element of the schema at {@code path} (a JSON pointer like {@code #/properties/a}, for messages). */
    Element compile(JsonNode schema, String path) {
        if (schema.isBoolean()) {
            return schema.booleanValue() ? JsonTokens.anyValue() : JsonTokens.NOTHING;
        }
        if (!schema.isObject()) {
            throw new IllegalArgumentException("the JSON schema at " + path + " must be an object or a boolean, not "
                    + schema.getNodeType());
        }
        SchemaKeywords.check(schema, path);
        Element base = composition(schema, path);
        if (base == null) {
            base = schema.has("enum") || schema.has("const") ? enumeration(schema, path) : typed(schema, path);
        }
        JsonNode nullable = schema.get("nullable");
        if (nullable != null && !nullable.isBoolean()) {
            throw new IllegalArgumentException("'nullable' at " + path + " must be true or false");
        }
        return nullable != null && nullable.booleanValue() && base != JsonTokens.anyValue()
                ? new ChoiceElement(base, JsonTokens.NULL) : base;
    }

    // ---- $ref, anyOf, oneOf, allOf ----

    private Element composition(JsonNode schema, String path) {
        String keyword = null;
        for (String name : schema.propertyNames()) {
            if (COMPOSITION.contains(name)) {
                if (keyword != null) {
                    throw new UnsupportedSchemaException(name, path, "together with '" + keyword + "'");
                }
                keyword = name;
            }
        }
        if (keyword == null) {
            return null;
        }
        for (String name : schema.propertyNames()) {
            if (!name.equals(keyword) && !SchemaKeywords.isAnnotation(name)
                    && !SchemaKeywords.BESIDE_COMPOSITION.contains(name)) {
                throw new UnsupportedSchemaException(name, path, "together with '" + keyword
                        + "' (beside $ref, anyOf, oneOf or allOf only annotations, $defs and nullable are supported)");
            }
        }
        JsonNode value = schema.get(keyword);
        if (keyword.equals("$ref")) {
            return reference(value, path);
        }
        if (!value.isArray() || value.isEmpty()) {
            throw new IllegalArgumentException(
                    "'" + keyword + "' at " + path + " must be a non-empty array of schemas");
        }
        if (keyword.equals("allOf")) {
            if (value.size() != 1) {
                throw new UnsupportedSchemaException(keyword, path, "with more than one schema");
            }
            return compile(value.get(0), path + "/allOf/0");
        }
        // oneOf is compiled as anyOf: an output valid against several alternatives is not refused.
        Element[] alternatives = new Element[value.size()];
        for (int i = 0; i < alternatives.length; i++) {
            alternatives[i] = compile(value.get(i), path + "/" + keyword + "/" + i);
        }
        return alternatives.length == 1 ? alternatives[0] : new ChoiceElement(alternatives);
    }

    private Element reference(JsonNode value, String path) {
        if (!value.isString()) {
            throw new IllegalArgumentException("'$ref' at " + path + " must be a string");
        }
        String pointer = value.stringValue();
        if (!pointer.equals("#") && !pointer.startsWith("#/")) {
            throw new UnsupportedSchemaException("$ref", path, "with value '" + pointer + "' (only references inside "
                    + "the same schema are supported: '#', '#/$defs/NAME', '#/definitions/NAME')");
        }
        ReferenceElement known = references.get(pointer);
        if (known != null) {
            return known;
        }
        JsonNode target = root.at(pointer.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("'$ref' at " + path + " points to " + pointer
                    + ", which is not in the schema");
        }
        ReferenceElement reference = new ReferenceElement("$ref " + pointer);
        references.put(pointer, reference);
        reference.resolve(compile(target, pointer));
        return reference;
    }

    // ---- enum and const ----

    private Element enumeration(JsonNode schema, String path) {
        List<JsonNode> values = new ArrayList<>();
        JsonNode list = schema.get("enum");
        if (list != null) {
            if (!list.isArray() || list.isEmpty()) {
                throw new IllegalArgumentException("'enum' at " + path + " must be a non-empty array");
            }
            list.forEach(values::add);
        }
        JsonNode constant = schema.get("const");
        if (constant != null) {
            if (list != null && !values.contains(constant)) {
                throw new IllegalArgumentException("the 'const' at " + path + " is not one of its 'enum' values");
            }
            values = List.of(constant);
        }
        Set<String> types = schema.has("type") ? declaredTypes(schema, path) : Set.copyOf(TYPES);
        Map<String, byte[]> words = new LinkedHashMap<>();
        for (JsonNode value : values) {
            if (types.contains(typeOf(value)) || types.contains("number") && value.isNumber()) {
                byte[] bytes = JsonTokens.serialize(value);
                words.putIfAbsent(new String(bytes, StandardCharsets.UTF_8), bytes);
            }
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("the 'enum'/'const' at " + path + " has no value of type " + types);
        }
        return new LeafElement(ByteAutomaton.words(words.values()));
    }

    private static String typeOf(JsonNode value) {
        if (value.isNumber()) {
            boolean whole = value.isIntegralNumber() || value.decimalValue().stripTrailingZeros().scale() <= 0;
            return whole ? "integer" : "number";
        }
        return switch (value.getNodeType()) {
            case OBJECT -> "object";
            case ARRAY -> "array";
            case STRING -> "string";
            case BOOLEAN -> "boolean";
            default -> "null";
        };
    }

    // ---- types ----

    private Element typed(JsonNode schema, String path) {
        Set<String> types = schema.has("type") ? declaredTypes(schema, path) : inferredTypes(schema);
        if (types.isEmpty()) {
            return JsonTokens.anyValue();
        }
        if (types.contains("number")) {
            types.remove("integer");
        }
        List<Element> alternatives = new ArrayList<>();
        for (String type : types) {
            alternatives.add(switch (type) {
                case "object" -> object(schema, path);
                case "array" -> array(schema, path);
                case "string" -> ScalarSchemas.string(schema, path);
                case "integer" -> ScalarSchemas.number(schema, true, path);
                case "number" -> ScalarSchemas.number(schema, false, path);
                case "boolean" -> JsonTokens.BOOLEAN;
                default -> JsonTokens.NULL;
            });
        }
        return alternatives.size() == 1 ? alternatives.getFirst()
                : new ChoiceElement(alternatives.toArray(Element[]::new));
    }

    private static Set<String> declaredTypes(JsonNode schema, String path) {
        JsonNode type = schema.get("type");
        Set<String> types = new LinkedHashSet<>();
        if (type.isString()) {
            types.add(type.stringValue());
        } else if (type.isArray() && !type.isEmpty()) {
            type.forEach(t -> types.add(t.isString() ? t.stringValue() : t.toString()));
        } else {
            throw new IllegalArgumentException(
                    "'type' at " + path + " must be a type name or a non-empty array of them");
        }
        for (String name : types) {
            if (!TYPES.contains(name)) {
                throw new IllegalArgumentException("'type' at " + path + " names '" + name + "', which is not one of "
                        + TYPES);
            }
        }
        return types;
    }

    /** Without {@code type}: the types whose keywords the schema uses (none: any value). */
    private static Set<String> inferredTypes(JsonNode schema) {
        Set<String> types = new LinkedHashSet<>();
        if (OBJECT_KEYWORDS.stream().anyMatch(schema::has)) {
            types.add("object");
        }
        if (ARRAY_KEYWORDS.stream().anyMatch(schema::has)) {
            types.add("array");
        }
        if (STRING_KEYWORDS.stream().anyMatch(schema::has)) {
            types.add("string");
        }
        if (NUMBER_KEYWORDS.stream().anyMatch(schema::has)) {
            types.add("number");
        }
        return types;
    }

    private Element object(JsonNode schema, String path) {
        JsonNode properties = schema.get("properties");
        if (properties != null && !properties.isObject()) {
            throw new IllegalArgumentException("'properties' at " + path + " must be an object");
        }
        Set<String> required = new LinkedHashSet<>();
        JsonNode requiredNode = schema.get("required");
        if (requiredNode != null) {
            if (!requiredNode.isArray()) {
                throw new IllegalArgumentException("'required' at " + path + " must be an array of property names");
            }
            for (JsonNode name : requiredNode) {
                if (!name.isString()) {
                    throw new IllegalArgumentException("'required' at " + path + " must be an array of property names");
                }
                required.add(name.stringValue());
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        boolean closed = additional != null && additional.isBoolean() && !additional.booleanValue();
        if ((properties == null || properties.isEmpty()) && required.isEmpty()) {
            return ObjectGrammar.map(additional == null ? JsonTokens.anyValue()
                    : compile(additional, path + "/additionalProperties"));
        }
        List<ObjectGrammar.Property> list = new ArrayList<>();
        if (properties != null) {
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                String name = property.getKey();
                Element value = compile(property.getValue(), path + "/properties/" + escape(name));
                list.add(new ObjectGrammar.Property(name, value, required.contains(name)));
            }
        }
        for (String name : required) {
            if (properties != null && properties.has(name)) {
                continue;
            }
            if (closed) {
                throw new IllegalArgumentException("'required' at " + path + " names '" + name
                        + "', which is not in 'properties' and 'additionalProperties' is false");
            }
            Element value = additional == null ? JsonTokens.anyValue()
                    : compile(additional, path + "/additionalProperties");
            list.add(new ObjectGrammar.Property(name, value, true));
        }
        return ObjectGrammar.properties(list);
    }

    private Element array(JsonNode schema, String path) {
        int min = ScalarSchemas.count(schema, "minItems", 0, path);
        int max = ScalarSchemas.count(schema, "maxItems", RepeatElement.UNBOUNDED, path);
        List<Element> prefix = new ArrayList<>();
        JsonNode items = schema.get("items");
        JsonNode prefixItems = schema.get("prefixItems");
        JsonNode tuple = prefixItems != null ? prefixItems : items != null && items.isArray() ? items : null;
        String tupleName = prefixItems != null ? "prefixItems" : "items";
        if (prefixItems != null && !prefixItems.isArray()) {
            throw new IllegalArgumentException("'prefixItems' at " + path + " must be an array of schemas");
        }
        if (tuple != null) {
            for (int i = 0; i < tuple.size(); i++) {
                prefix.add(compile(tuple.get(i), path + "/" + tupleName + "/" + i));
            }
        }
        JsonNode restSchema = tuple == null ? items : prefixItems != null ? items : schema.get("additionalItems");
        String restName = tuple == null || prefixItems != null ? "items" : "additionalItems";
        Element rest = restSchema == null ? JsonTokens.anyValue() : compile(restSchema, path + "/" + restName);
        if (rest == JsonTokens.NOTHING) {
            rest = null;
        }
        int most = rest == null ? Math.min(max, prefix.size()) : max;
        if (min > most) {
            throw new IllegalArgumentException("no array satisfies minItems " + min + " and maxItems " + most + " at "
                    + path + (rest == null ? " (no items beyond the " + prefix.size() + " listed)" : ""));
        }
        return ArrayGrammar.of(prefix, rest, min, most);
    }

    /** A property name as a JSON pointer segment. */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
