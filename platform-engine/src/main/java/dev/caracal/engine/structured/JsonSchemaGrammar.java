package dev.caracal.engine.structured;

import tools.jackson.databind.JsonNode;

/**
 * Compiles a JSON schema (the subset that OpenAI, LangChain4j, Spring AI and Pydantic clients send) into a
 * {@link Grammar} over the bytes of exactly one JSON value.
 */
public final class JsonSchemaGrammar {

    private static final Grammar ANY_VALUE = CompiledGrammar.of(JsonTokens.anyValue(), "any JSON value");
    private static final Grammar ANY_OBJECT = CompiledGrammar.of(JsonTokens.anyObject(), "any JSON object");

    private JsonSchemaGrammar() {
    }

    /**
     * The grammar of the JSON values valid against {@code schema}. Supported:
     * <ul>
     * <li>{@code type} (a name or an array of names); without it, the type its keywords imply (any value when none);
     * {@code nullable: true} (OpenAPI) also allows {@code null};
     * <li>objects: {@code properties} written in schema order (required ones always, optional ones maybe, none twice),
     * {@code required}, {@code additionalProperties} (no extra keys are written beside {@code properties}; a required
     * name missing from {@code properties} takes the {@code additionalProperties} schema); an object with neither
     * properties nor required is a map of any string keys (distinct keys are not enforced) to values of the
     * {@code additionalProperties} schema;
     * <li>arrays: {@code items}, {@code prefixItems} (or draft 4 array {@code items} with {@code additionalItems}),
     * {@code minItems}, {@code maxItems};
     * <li>strings: {@code minLength}, {@code maxLength} (code points), {@code format} {@code date}, {@code time},
     * {@code date-time}, {@code uuid} (not together with lengths);
     * <li>{@code integer} and {@code number}: {@code minimum}, {@code maximum}, {@code exclusiveMinimum},
     * {@code exclusiveMaximum} (numbers, or draft 4 booleans), checked byte by byte, and OpenAPI's {@code int32} and
     * {@code int64} formats as bounds (other formats beside non-string types are ignored); bounded numbers are written
     * without an exponent, unbounded ones with at most 16 integer digits, 16 fraction digits and a 2-digit exponent;
     * <li>{@code enum} and {@code const} of any values, written as their compact serialization (other keywords beside
     * them are not checked again, except {@code type});
     * <li>{@code anyOf}, {@code oneOf} (as anyOf: a value valid against two alternatives is not refused),
     * {@code allOf} of one schema, {@code $ref} to {@code #}, {@code #/$defs/NAME}, {@code #/definitions/NAME} or
     * another pointer in the schema (recursion allowed); beside these only annotations, {@code $defs} and
     * {@code nullable};
     * <li>{@code true}/{@code {}} for any value, {@code false} for none.
     * </ul>
     * Annotations ({@code title}, {@code description}, {@code default}, {@code examples}, {@code $schema}, ...,
     * {@code x-*}) are ignored. Whitespace is allowed after {@code { [ , :} and before {@code } ]} only: nothing, a
     * space, or one or two newlines and up to 20 spaces or tabs. Definitions that nothing refers to are not compiled.
     *
     * @throws UnsupportedSchemaException for any other keyword (or an unsupported format or reference)
     * @throws IllegalArgumentException for an invalid schema or one that admits no value
     */
    public static Grammar compile(JsonNode schema) {
        Element root = new SchemaCompiler(schema).compile(schema, "#");
        return CompiledGrammar.of(root, "the JSON schema admits no value (a required part can never be written, "
                + "such as a required property whose schema is false, or a $ref that recurses with no way to stop)");
    }

    /** Any JSON object (OpenAI's {@code response_format: json_object}). */
    public static Grammar anyObject() {
        return ANY_OBJECT;
    }

    /** Any JSON value. */
    public static Grammar anyValue() {
        return ANY_VALUE;
    }
}
