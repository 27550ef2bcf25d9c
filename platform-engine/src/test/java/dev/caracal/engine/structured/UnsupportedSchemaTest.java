package dev.caracal.engine.structured;

import static dev.caracal.engine.structured.GrammarWalks.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every keyword outside the supported subset is refused with the keyword and the JSON pointer of where it is. */
class UnsupportedSchemaTest {

    static Stream<Arguments> unsupported() {
        return Stream.of(
                Arguments.of("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\",\"pattern\":\"^a\"}}}",
                        "pattern", "#/properties/name"),
                Arguments.of("{\"type\":\"object\",\"patternProperties\":{\"^x\":{}}}", "patternProperties", "#"),
                Arguments.of("{\"type\":\"number\",\"multipleOf\":2}", "multipleOf", "#"),
                Arguments.of("{\"type\":\"array\",\"items\":{\"type\":\"array\",\"uniqueItems\":true}}", "uniqueItems",
                        "#/items"),
                Arguments.of("{\"properties\":{\"tags\":{\"type\":\"array\",\"items\":{\"minProperties\":1}}}}",
                        "minProperties", "#/properties/tags/items"),
                Arguments.of("{\"type\":\"object\",\"maxProperties\":3}", "maxProperties", "#"),
                Arguments.of("{\"if\":{\"type\":\"string\"},\"then\":{}}", "if", "#"),
                Arguments.of("{\"not\":{\"type\":\"null\"}}", "not", "#"),
                Arguments.of("{\"type\":\"object\",\"propertyNames\":{\"maxLength\":3}}", "propertyNames", "#"),
                Arguments.of("{\"type\":\"array\",\"contains\":{\"type\":\"integer\"}}", "contains", "#"),
                Arguments.of("{\"type\":\"object\",\"dependentRequired\":{\"a\":[\"b\"]}}", "dependentRequired", "#"),
                Arguments.of("{\"type\":\"object\",\"unevaluatedProperties\":false}", "unevaluatedProperties", "#"),
                Arguments.of("{\"$anchor\":\"x\",\"type\":\"string\"}", "$anchor", "#"),
                Arguments.of("{\"properties\":{\"a/b\":{\"type\":\"string\",\"format\":\"email\"}}}", "format",
                        "#/properties/a~1b"),
                Arguments.of("{\"anyOf\":[{\"type\":\"string\",\"format\":\"uri\"}]}", "format", "#/anyOf/0"),
                Arguments.of("{\"$ref\":\"other.json#/$defs/a\"}", "$ref", "#"),
                Arguments.of("{\"$ref\":\"#anchor\"}", "$ref", "#"),
                Arguments.of("{\"allOf\":[{\"type\":\"object\"},{\"required\":[\"a\"]}]}", "allOf", "#"),
                Arguments.of("{\"type\":\"object\",\"anyOf\":[{\"required\":[\"a\"]}]}", "type", "#"),
                Arguments.of("{\"anyOf\":[{}],\"oneOf\":[{}]}", "oneOf", "#"),
                Arguments.of("{\"$defs\":{\"d\":{\"type\":\"string\",\"contentEncoding\":\"base64\"}},"
                        + "\"$ref\":\"#/$defs/d\"}", "contentEncoding", "#/$defs/d"),
                Arguments.of("{\"type\":\"string\",\"format\":\"date\",\"maxLength\":20}", "maxLength", "#"));
    }

    @ParameterizedTest
    @MethodSource("unsupported")
    void namesTheKeywordAndWhereItIs(String schema, String keyword, String path) {
        UnsupportedSchemaException e = catchThrowableOfType(UnsupportedSchemaException.class,
                () -> JsonSchemaGrammar.compile(json(schema)));
        assertThat(e).as(schema).isNotNull();
        assertThat(e.keyword()).isEqualTo(keyword);
        assertThat(e.path()).isEqualTo(path);
        assertThat(e).hasMessageStartingWith("JSON schema keyword '" + keyword + "' at " + path + " is not supported");
    }

    @org.junit.jupiter.api.Test
    void theMessageListsWhatIsSupported() {
        UnsupportedSchemaException e = catchThrowableOfType(UnsupportedSchemaException.class,
                () -> JsonSchemaGrammar.compile(json("{\"properties\":{\"name\":{\"pattern\":\"a\"}}}")));
        assertThat(e).hasMessage("JSON schema keyword 'pattern' at #/properties/name is not supported (supported: "
                + String.join(", ", SchemaKeywords.SUPPORTED) + ")");
        assertThat(e).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void unreferencedDefinitionsAreNotCompiled() {
        assertThat(JsonSchemaGrammar.compile(json("{\"$defs\":{\"unused\":{\"pattern\":\"x\"}},\"type\":\"null\"}"))
                .start()).isNotNull();
    }

    @org.junit.jupiter.api.Test
    void schemasTooCostlyToEnforceAreRefusedWithWhatIsTooMuch() throws Exception {
        StructuredOutput output = StructuredOutput.of(dev.caracal.formats.tokenizer.Tokenizers.load(
                dev.caracal.formats.testing.SharedData.require("models/stories260K.gguf")));
        StringBuilder wide = new StringBuilder("{\"anyOf\": [");
        for (int i = 0; i <= StructuredOutput.MAX_ALTERNATIVES; i++) {
            wide.append(i == 0 ? "" : ",").append("{\"const\": ").append(i).append('}');
        }
        String anyOf = wide.append("]}").toString();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> output.compile(
                dev.caracal.engine.api.OutputConstraint.jsonSchema(anyOf)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JSON schema keyword 'anyOf' at # has 65 entries; at most 64 can be enforced");
        StringBuilder large = new StringBuilder("{\"type\": \"object\", \"properties\": {");
        for (int i = 0; i <= StructuredOutput.MAX_SCHEMA_NODES; i++) {
            large.append(i == 0 ? "" : ",").append("\"p").append(i).append("\": {}");
        }
        String many = large.append("}}").toString();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> output.compile(
                dev.caracal.engine.api.OutputConstraint.jsonSchema(many)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the JSON schema is too large to enforce: more than 20000 values");
    }
}
