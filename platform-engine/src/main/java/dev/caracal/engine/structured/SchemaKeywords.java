package dev.caracal.engine.structured;

import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** The JSON schema keywords the compiler supports, those it ignores as annotations, and the check for the rest. */
final class SchemaKeywords {

    static final List<String> SUPPORTED = List.of("type", "properties", "required", "additionalProperties", "items",
            "prefixItems", "additionalItems", "minItems", "maxItems", "enum", "const", "minLength", "maxLength",
            "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "anyOf", "oneOf", "allOf", "$ref",
            "$defs", "definitions", "nullable");

    /** Annotations: they say nothing about which values are valid. Keywords starting with {@code x-} are too. */
    static final Set<String> IGNORED = Set.of("title", "description", "default", "examples", "example", "$schema",
            "$id", "$comment", "deprecated", "readOnly", "writeOnly", "strict");

    /** Keywords that may stand beside {@code $ref}, {@code anyOf}, {@code oneOf} or {@code allOf}. */
    static final Set<String> BESIDE_COMPOSITION = Set.of("$defs", "definitions", "nullable");

    private SchemaKeywords() {
    }

    /** Throws {@link UnsupportedSchemaException} for the first keyword that is neither supported nor ignored. */
    static void check(JsonNode schema, String path) {
        for (String keyword : schema.propertyNames()) {
            if (!SUPPORTED.contains(keyword) && !isAnnotation(keyword)) {
                throw new UnsupportedSchemaException(keyword, path);
            }
        }
    }

    static boolean isAnnotation(String keyword) {
        return IGNORED.contains(keyword) || keyword.startsWith("x-");
    }
}
