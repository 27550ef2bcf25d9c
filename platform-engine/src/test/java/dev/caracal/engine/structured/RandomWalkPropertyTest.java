package dev.caracal.engine.structured;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Random walks over compiled schemas: each walk picks random allowed bytes and closes when the budget runs short; what
 * it writes must be one JSON value that Jackson parses and that validates against the schema. The walk itself checks
 * every state's bytesToComplete, isComplete and isClosed (see {@link GrammarWalks#randomWalk}).
 */
class RandomWalkPropertyTest {

    private static final int WALKS = 250;

    static Stream<Arguments> schemas() {
        return Stream.of(
                Arguments.of("nested objects", """
                        {"type":"object","properties":{
                          "name":{"type":"string","maxLength":12},
                          "age":{"type":"integer","minimum":0,"maximum":150},
                          "address":{"type":"object","properties":{
                            "street":{"type":"string"},"city":{"type":"string","minLength":1},"zip":{"type":"string"}},
                            "required":["city"],"additionalProperties":false},
                          "active":{"type":"boolean"}},
                         "required":["name","address"],"additionalProperties":false}"""),
                Arguments.of("array of objects", """
                        {"type":"array","minItems":1,"maxItems":3,"items":{"type":"object",
                          "properties":{"id":{"type":"integer"},"tags":{"type":"array","items":{"type":"string"},
                          "maxItems":2}},"required":["id","tags"]}}"""),
                Arguments.of("enums", """
                        {"type":"object","properties":{
                          "color":{"type":"string","enum":["red","green","blue","green-ish"]},
                          "size":{"enum":[1,12,123,"xl",null,true,{"w":[1,2]}]},
                          "fixed":{"const":"exactly this"}},"required":["color","size","fixed"]}"""),
                Arguments.of("anyOf of objects", """
                        {"anyOf":[
                          {"type":"object","properties":{"kind":{"const":"circle"},"radius":{"type":"number",
                            "exclusiveMinimum":0}},"required":["kind","radius"],"additionalProperties":false},
                          {"type":"object","properties":{"kind":{"const":"rect"},"w":{"type":"integer","minimum":1},
                            "h":{"type":"integer","minimum":1}},"required":["kind","w","h"],
                            "additionalProperties":false},
                          {"type":"null"}]}"""),
                Arguments.of("integer ranges", """
                        {"type":"array","items":{"oneOf":[
                          {"type":"integer","minimum":1,"maximum":12},
                          {"type":"integer","minimum":-50,"maximum":-13},
                          {"type":"integer","minimum":1000000,"maximum":1000100}]}}"""),
                Arguments.of("numbers with exclusive bounds", """
                        {"type":"object","properties":{
                          "p":{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":1},
                          "t":{"type":"number","minimum":-1.5,"maximum":2.25},
                          "q":{"type":"number","exclusiveMinimum":-0.001,"exclusiveMaximum":0.001},
                          "r":{"type":"number"},
                          "i":{"type":"integer","exclusiveMinimum":9.5}},
                         "required":["p","t","q","r","i"]}"""),
                Arguments.of("nullable types", """
                        {"type":"object","properties":{
                          "a":{"type":["string","null"],"maxLength":3},
                          "b":{"type":"integer","nullable":true,"minimum":5,"maximum":7},
                          "c":{"anyOf":[{"type":"boolean"},{"type":"null"}],"default":null},
                          "d":{"$ref":"#/$defs/D","nullable":true}},
                         "required":["a","b","c","d"],"$defs":{"D":{"type":"array","items":{"type":"number"}}}}"""),
                Arguments.of("recursive tree", """
                        {"$ref":"#/$defs/node","$defs":{"node":{"type":"object","properties":{
                          "value":{"type":"integer"},
                          "children":{"type":"array","items":{"$ref":"#/$defs/node"},"maxItems":3}},
                         "required":["value","children"],"additionalProperties":false}}}"""),
                Arguments.of("formats", """
                        {"type":"object","properties":{
                          "id":{"type":"string","format":"uuid"},"day":{"type":"string","format":"date"},
                          "at":{"type":"string","format":"date-time"},"time":{"type":"string","format":"time"}},
                         "required":["id","day","at","time"]}"""),
                Arguments.of("maps", """
                        {"type":"object","properties":{
                          "counts":{"type":"object","additionalProperties":{"type":"integer","minimum":0}},
                          "anything":{"type":"object"},
                          "empty":{"type":"object","additionalProperties":false}},"required":["counts","empty"]}"""),
                Arguments.of("any value", "{}"),
                Arguments.of("strings with lengths and tuples", """
                        {"type":"array","prefixItems":[{"type":"string","minLength":2,"maxLength":4},
                          {"type":"string","minLength":3}, {"type":"integer"}],"items":false,"minItems":2}"""),
                Arguments.of("draft 7 definitions", """
                        {"definitions":{"Pet":{"type":"object","properties":{"name":{"type":"string"},
                          "species":{"enum":["cat","dog"]}},"required":["name","species"]}},
                         "type":"object","properties":{"pets":{"type":"array","items":{"$ref":"#/definitions/Pet"}},
                          "owner":{"allOf":[{"$ref":"#/definitions/Pet"}],"description":"odd but valid"}},
                         "required":["pets"]}"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    void randomOutputsParseAndValidate(String name, String schemaText) {
        JsonNode schema = GrammarWalks.json(schemaText);
        Grammar grammar = JsonSchemaGrammar.compile(schema);
        SchemaValidator validator = new SchemaValidator(schema);
        SplittableRandom random = new SplittableRandom(name.hashCode());
        for (int walk = 0; walk < WALKS; walk++) {
            int budget = grammar.start().bytesToComplete() + random.nextInt(walk % 5 == 0 ? 40 : 400);
            byte[] bytes = GrammarWalks.randomWalk(grammar, random, budget);
            String text = GrammarWalks.decode(bytes);
            assertThat(bytes.length).isLessThanOrEqualTo(budget);
            assertThat(Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(text.length() - 1)))
                    .as("no whitespace around the value: %s", text).isFalse();
            JsonNode value = GrammarWalks.STRICT.readTree(bytes);
            assertThat(validator.errors(value)).as(text).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    void theValidatorCanFail(String name, String schemaText) {
        // Guards the check above: a value of the wrong shape is refused by the validator (except for the any schema).
        JsonNode schema = GrammarWalks.json(schemaText);
        if (!name.equals("any value")) {
            assertThat(new SchemaValidator(schema).errors(GrammarWalks.json("\"not it\""))).isNotEmpty();
        }
    }

    @org.junit.jupiter.api.Test
    void anyObjectGivesObjects() {
        SplittableRandom random = new SplittableRandom(7);
        for (int walk = 0; walk < WALKS; walk++) {
            byte[] bytes = GrammarWalks.randomWalk(JsonSchemaGrammar.anyObject(), random, 2 + random.nextInt(300));
            assertThat(GrammarWalks.STRICT.readTree(bytes).isObject()).isTrue();
        }
    }
}
