package dev.caracal.engine.structured;

import static dev.caracal.engine.structured.GrammarWalks.accepts;
import static dev.caracal.engine.structured.GrammarWalks.bytesRefusedAt;
import static dev.caracal.engine.structured.GrammarWalks.feed;
import static dev.caracal.engine.structured.GrammarWalks.json;
import static dev.caracal.engine.structured.GrammarWalks.refusedAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Hand-written outputs per keyword: valid ones are taken to completion, invalid ones refused at the right byte. */
class JsonSchemaGrammarTest {

    private static Grammar grammar(String schema) {
        return JsonSchemaGrammar.compile(json(schema));
    }

    @Test
    void objectPropertiesInSchemaOrderWithRequiredAndOptional() {
        Grammar g = grammar("""
                {"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"string"},"c":{"type":"boolean"}},
                 "required":["b"]}""");
        assertThat(accepts(g, "{\"b\":\"x\"}")).isTrue();
        assertThat(accepts(g, "{\"a\":1,\"b\":\"x\",\"c\":true}")).isTrue();
        assertThat(accepts(g, "{\"a\": 1, \"b\": \"x\"}")).isTrue();
        assertThat(accepts(g, "{\n  \"a\": 1,\n  \"b\": \"x\"\n}")).isTrue();
        assertThat(refusedAt(g, "{}")).isEqualTo(1); // b is required
        assertThat(refusedAt(g, "{\"c\":true}")).isEqualTo(2); // c cannot come before b
        assertThat(refusedAt(g, "{\"b\":\"x\",\"a\":1}")).isEqualTo(10); // a cannot follow b
        assertThat(refusedAt(g, "{\"b\":\"x\",\"b\"")).isEqualTo(10); // no property twice
        assertThat(refusedAt(g, "{\"b\":\"x\",\"d\":1}")).isEqualTo(10); // no extra keys
        assertThat(refusedAt(g, "{\"a\":\"1\"}")).isEqualTo(5);
        assertThat(refusedAt(g, "{\"b\" :\"x\"}")).isEqualTo(4); // no space before the colon
        assertThat(refusedAt(g, " {\"b\":\"x\"}")).isEqualTo(0); // nothing before the value
        GrammarState done = feed(g, "{\"b\":\"x\"}");
        assertThat(done.isClosed()).isTrue(); // nothing after the value
    }

    @Test
    void whitespaceIsBounded() {
        Grammar g = grammar("{\"type\":\"array\",\"items\":{\"type\":\"integer\"}}");
        assertThat(accepts(g, "[ 1, 2 ]")).isTrue();
        assertThat(accepts(g, "[\n\n\t\t1,\n  2\n]")).isTrue();
        assertThat(accepts(g, "[\n" + " ".repeat(20) + "1]")).isTrue();
        assertThat(refusedAt(g, "[\n" + " ".repeat(21) + "1]")).isEqualTo(22);
        assertThat(refusedAt(g, "[\n\n\n1]")).isEqualTo(3);
        assertThat(refusedAt(g, "[  1]")).isEqualTo(2);
        assertThat(refusedAt(g, "[1 ,2]")).isEqualTo(3); // no space before a comma
    }

    @Test
    void requiredNameOutsidePropertiesTakesTheAdditionalSchema() {
        Grammar g = grammar("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}},\"required\":[\"z\"],"
                + "\"additionalProperties\":{\"type\":\"boolean\"}}");
        assertThat(accepts(g, "{\"a\":1,\"z\":true}")).isTrue();
        assertThat(accepts(g, "{\"z\":false}")).isTrue();
        assertThat(refusedAt(g, "{\"z\":1}")).isEqualTo(5);
    }

    @Test
    void mapsTakeAnyKeysWithValuesOfTheAdditionalSchema() {
        Grammar g = grammar("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"}}");
        assertThat(accepts(g, "{}")).isTrue();
        assertThat(accepts(g, "{ }")).isTrue();
        assertThat(accepts(g, "{\"x\":1, \"y\\n\":-2}")).isTrue();
        assertThat(refusedAt(g, "{\"x\":true}")).isEqualTo(5);
        assertThat(accepts(grammar("{\"type\":\"object\",\"additionalProperties\":false}"), "{}")).isTrue();
        assertThat(refusedAt(grammar("{\"type\":\"object\",\"additionalProperties\":false}"), "{\"")).isEqualTo(1);
        assertThat(accepts(grammar("{\"type\":\"object\"}"), "{\"a\":[1,{\"b\":null}]}")).isTrue();
    }

    @Test
    void arraysCountTheirItems() {
        Grammar g = grammar("{\"type\":\"array\",\"items\":{\"type\":\"boolean\"},\"minItems\":1,\"maxItems\":2}");
        assertThat(refusedAt(g, "[]")).isEqualTo(1);
        assertThat(accepts(g, "[true]")).isTrue();
        assertThat(accepts(g, "[true, false]")).isTrue();
        assertThat(refusedAt(g, "[true,false,")).isEqualTo(11);
        Grammar tuple = grammar("{\"type\":\"array\",\"prefixItems\":[{\"type\":\"integer\"},{\"type\":\"string\"}],"
                + "\"items\":false}");
        assertThat(accepts(tuple, "[]")).isTrue();
        assertThat(accepts(tuple, "[1,\"a\"]")).isTrue();
        assertThat(refusedAt(tuple, "[\"a\"")).isEqualTo(1);
        assertThat(refusedAt(tuple, "[1,\"a\",")).isEqualTo(6);
        Grammar empty = grammar("{\"type\":\"array\",\"maxItems\":0}");
        assertThat(accepts(empty, "[ ]")).isTrue();
        assertThat(refusedAt(empty, "[1")).isEqualTo(1);
    }

    @Test
    void stringLengthsCountCodePoints() {
        Grammar g = grammar("{\"type\":\"string\",\"minLength\":2,\"maxLength\":3}");
        assertThat(refusedAt(g, "\"a\"")).isEqualTo(2);
        assertThat(accepts(g, "\"ab\"")).isTrue();
        assertThat(accepts(g, "\"é😀\\n\"")).isTrue(); // three code points, seven bytes
        assertThat(accepts(g, "\"\\ud83d\\ude00x\"")).isTrue(); // a surrogate pair is one code point
        assertThat(refusedAt(g, "\"abcd\"")).isEqualTo(4);
    }

    @Test
    void stringsAreValidUtf8WithJsonEscapes() {
        Grammar g = grammar("{\"type\":\"string\"}");
        assertThat(accepts(g, "\"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"")).isTrue();
        assertThat(refusedAt(g, "\"\\x\"")).isEqualTo(2);
        assertThat(refusedAt(g, "\"a\nb\"")).isEqualTo(2); // raw control character
        assertThat(refusedAt(g, "\"\\udc00\"")).isEqualTo(4); // lone low surrogate
        assertThat(refusedAt(g, "\"\\ud800x\"")).isEqualTo(7); // high surrogate without its low half
        assertThat(bytesRefusedAt(g, '"', 0xC0, 0x80)).isEqualTo(1); // overlong
        assertThat(bytesRefusedAt(g, '"', 0xE0, 0x9F)).isEqualTo(2); // overlong three-byte form
        assertThat(bytesRefusedAt(g, '"', 0xED, 0xA0)).isEqualTo(2); // encoded surrogate
        assertThat(bytesRefusedAt(g, '"', 0xF4, 0x90)).isEqualTo(2); // above U+10FFFF
        assertThat(bytesRefusedAt(g, '"', 0x80)).isEqualTo(1); // a continuation byte first
        assertThat(bytesRefusedAt(g, '"', 0xC3, '"')).isEqualTo(2); // a character cut short
        assertThat(bytesRefusedAt(g, '"', 0xF0, 0x9F, 0x98, 0x80, '"')).isEqualTo(-1);
    }

    @Test
    void plainStringCharactersKeepTheSameState() {
        GrammarState inside = feed(grammar("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}"),
                "{\"a\":\"x");
        assertThat(inside.accept('y')).isSameAs(inside);
        assertThat(inside.accept('{')).isSameAs(inside);
    }

    @Test
    void enumAndConstAreTheirCompactSerializations() {
        Grammar g = grammar("{\"enum\":[\"red\",\"green\",1,12,null,{\"a\":[true]}]}");
        for (String value : new String[] {"\"red\"", "\"green\"", "1", "12", "null", "{\"a\":[true]}"}) {
            assertThat(accepts(g, value)).as(value).isTrue();
        }
        assertThat(refusedAt(g, "\"blue\"")).isEqualTo(1);
        assertThat(refusedAt(g, "13")).isEqualTo(1);
        assertThat(refusedAt(g, "{ \"a\"")).isEqualTo(1); // exactly the compact form
        assertThat(feed(g, "1").isComplete()).isTrue();
        assertThat(feed(g, "1").isClosed()).isFalse(); // 12 may follow
        Grammar typed = grammar("{\"type\":\"string\",\"enum\":[\"a\",1]}");
        assertThat(refusedAt(typed, "1")).isEqualTo(0);
        assertThat(accepts(grammar("{\"const\":\"x\"}"), "\"x\"")).isTrue();
        assertThat(accepts(grammar("{\"enum\":[\"é\"]}"), "\"é\"")).isTrue();
    }

    @Test
    void integerRangesAreCheckedByteByByte() {
        Grammar g = grammar("{\"type\":\"integer\",\"minimum\":1,\"maximum\":12}");
        assertThat(refusedAt(g, "0")).isEqualTo(0);
        assertThat(refusedAt(g, "-")).isEqualTo(0);
        assertThat(refusedAt(g, "13")).isEqualTo(1);
        assertThat(refusedAt(g, "1.")).isEqualTo(1);
        GrammarState one = feed(g, "1");
        assertThat(one.isComplete()).isTrue();
        assertThat(one.isClosed()).isFalse();
        assertThat(feed(g, "12").isClosed()).isTrue();
        assertThat(feed(g, "9").isClosed()).isTrue();
        Grammar negative = grammar("{\"type\":\"integer\",\"minimum\":-50,\"maximum\":-10}");
        assertThat(accepts(negative, "-10")).isTrue();
        assertThat(refusedAt(negative, "-5")).isEqualTo(-1);
        assertThat(feed(negative, "-5").isComplete()).isFalse(); // -50 is still possible
        assertThat(refusedAt(negative, "-51")).isEqualTo(2);
        assertThat(refusedAt(negative, "-0")).isEqualTo(1);
        assertThat(refusedAt(negative, "1")).isEqualTo(0);
        Grammar exclusive = grammar("{\"type\":\"integer\",\"exclusiveMinimum\":0,\"exclusiveMaximum\":3}");
        assertThat(accepts(exclusive, "1")).isTrue();
        assertThat(accepts(exclusive, "2")).isTrue();
        assertThat(refusedAt(exclusive, "0")).isEqualTo(0);
        assertThat(refusedAt(exclusive, "3")).isEqualTo(0);
        Grammar draft4 = grammar("{\"type\":\"integer\",\"minimum\":0,\"exclusiveMinimum\":true,\"maximum\":2}");
        assertThat(refusedAt(draft4, "0")).isEqualTo(0);
        Grammar int32 = grammar("{\"type\":\"integer\",\"format\":\"int32\"}");
        assertThat(accepts(int32, "2147483647")).isTrue();
        assertThat(accepts(int32, "-2147483648")).isTrue();
        assertThat(refusedAt(int32, "2147483648")).isEqualTo(9);
        assertThat(accepts(grammar("{\"type\":\"number\",\"format\":\"double\"}"), "1.5")).isTrue();
    }

    @Test
    void numberBoundsAllowFractionsInRange() {
        Grammar g = grammar("{\"type\":\"number\",\"exclusiveMinimum\":0,\"exclusiveMaximum\":1}");
        assertThat(accepts(g, "0.5")).isTrue();
        assertThat(refusedAt(g, "1")).isEqualTo(0);
        assertThat(refusedAt(g, "-")).isEqualTo(0);
        assertThat(accepts(g, "0.0001")).isTrue();
        assertThat(feed(g, "0.0").isComplete()).isFalse();
        assertThat(refusedAt(g, "0.5e1")).isEqualTo(3); // no exponent with bounds
        Grammar g2 = grammar("{\"type\":\"number\",\"minimum\":-1.5,\"maximum\":2.25}");
        assertThat(accepts(g2, "-1.5")).isTrue();
        assertThat(refusedAt(g2, "-1.51")).isEqualTo(4);
        assertThat(accepts(g2, "2.25")).isTrue();
        assertThat(refusedAt(g2, "2.26")).isEqualTo(3);
        assertThat(refusedAt(g2, "3")).isEqualTo(0);
        assertThat(accepts(g2, "0")).isTrue();
    }

    @Test
    void unboundedNumbersFollowJsonSyntaxWithDigitLimits() {
        Grammar g = grammar("{\"type\":\"number\"}");
        for (String ok : new String[] {"0", "-0.5", "12.25e-3", "1E+10", "9999999999999999"}) {
            assertThat(accepts(g, ok)).as(ok).isTrue();
        }
        assertThat(refusedAt(g, "01")).isEqualTo(1);
        assertThat(refusedAt(g, ".5")).isEqualTo(0);
        assertThat(refusedAt(g, "1.e5")).isEqualTo(2);
        assertThat(refusedAt(g, "+1")).isEqualTo(0);
        assertThat(refusedAt(g, "1".repeat(17))).isEqualTo(16);
        assertThat(refusedAt(g, "1e123")).isEqualTo(4);
        Grammar integer = grammar("{\"type\":\"integer\"}");
        assertThat(refusedAt(integer, "1.0")).isEqualTo(1);
        assertThat(refusedAt(integer, "1e3")).isEqualTo(1);
        assertThat(feed(integer, "0").isClosed()).isTrue();
    }

    @Test
    void formats() {
        Grammar date = grammar("{\"type\":\"string\",\"format\":\"date\"}");
        assertThat(accepts(date, "\"2024-02-29\"")).isTrue();
        assertThat(refusedAt(date, "\"2023-02-29\"")).isEqualTo(10);
        assertThat(refusedAt(date, "\"2000-04-31\"")).isEqualTo(10);
        assertThat(accepts(date, "\"2000-02-29\"")).isTrue();
        assertThat(refusedAt(date, "\"1900-02-29\"")).isEqualTo(10);
        assertThat(refusedAt(date, "\"2024-13-01\"")).isEqualTo(7);
        Grammar time = grammar("{\"type\":\"string\",\"format\":\"time\"}");
        assertThat(accepts(time, "\"23:59:59Z\"")).isTrue();
        assertThat(accepts(time, "\"08:00:00.123+05:30\"")).isTrue();
        assertThat(refusedAt(time, "\"24:00:00Z\"")).isEqualTo(2);
        assertThat(refusedAt(time, "\"12:00\"")).isEqualTo(6);
        Grammar dateTime = grammar("{\"type\":\"string\",\"format\":\"date-time\"}");
        assertThat(accepts(dateTime, "\"2024-05-01T12:30:00-07:00\"")).isTrue();
        assertThat(refusedAt(dateTime, "\"2024-05-01 12:30:00Z\"")).isEqualTo(11);
        Grammar uuid = grammar("{\"type\":\"string\",\"format\":\"uuid\"}");
        assertThat(accepts(uuid, "\"123e4567-e89b-12d3-A456-426614174000\"")).isTrue();
        assertThat(refusedAt(uuid, "\"123e4567e")).isEqualTo(9);
    }

    @Test
    void typeArraysAndNullable() {
        Grammar g = grammar("{\"type\":[\"string\",\"null\"]}");
        assertThat(accepts(g, "null")).isTrue();
        assertThat(accepts(g, "\"x\"")).isTrue();
        assertThat(refusedAt(g, "1")).isEqualTo(0);
        Grammar nullable = grammar("{\"type\":\"integer\",\"nullable\":true}");
        assertThat(accepts(nullable, "null")).isTrue();
        assertThat(accepts(nullable, "7")).isTrue();
        Grammar any = grammar("{}");
        for (String value : new String[] {"null", "true", "-1.5", "\"s\"", "[1,[2,{}]]", "{\"a\":{\"b\":[]}}"}) {
            assertThat(accepts(any, value)).as(value).isTrue();
        }
        assertThat(accepts(JsonSchemaGrammar.compile(JsonMapper.shared().booleanNode(true)), "[]")).isTrue();
    }

    @Test
    void anyOfOneOfAllOfAndReferences() {
        Grammar g = grammar("""
                {"$defs":{"pos":{"type":"integer","minimum":1}},
                 "anyOf":[{"$ref":"#/$defs/pos"},{"type":"string","maxLength":1}]}""");
        assertThat(accepts(g, "5")).isTrue();
        assertThat(accepts(g, "\"a\"")).isTrue();
        assertThat(refusedAt(g, "0")).isEqualTo(0);
        assertThat(refusedAt(g, "\"ab")).isEqualTo(2);
        Grammar one = grammar("{\"oneOf\":[{\"type\":\"boolean\"},{\"type\":\"null\"}]}");
        assertThat(accepts(one, "false")).isTrue();
        Grammar all = grammar("{\"allOf\":[{\"$ref\":\"#/definitions/x\"}],\"definitions\":{\"x\":{\"const\":3}},"
                + "\"description\":\"three\"}");
        assertThat(accepts(all, "3")).isTrue();
        assertThat(refusedAt(all, "4")).isEqualTo(0);
    }

    @Test
    void recursiveReferencesNestAsDeepAsWritten() {
        Grammar tree = grammar("""
                {"$ref":"#/$defs/node","$defs":{"node":{"type":"object",
                 "properties":{"v":{"type":"integer"},"kids":{"type":"array","items":{"$ref":"#/$defs/node"}}},
                 "required":["v"],"additionalProperties":false}}}""");
        String deep = "{\"v\":1,\"kids\":[".repeat(40) + "{\"v\":2}" + "]}".repeat(40);
        GrammarState state = feed(tree, deep);
        assertThat(state).isNotNull();
        assertThat(state.isComplete()).isTrue();
        GrammarState open = feed(tree, "{\"v\":1,\"kids\":[".repeat(3));
        assertThat(open.bytesToComplete()).isEqualTo(3 * 2); // ]} three times
        GrammarState item = feed(tree, "{\"v\":1,\"kids\":[".repeat(3) + "{");
        assertThat(item.bytesToComplete()).isEqualTo(5 + 1 + 3 * 2); // "v":0 and }, then ]} three times
        GrammarState self = feed(grammar("{\"type\":\"array\",\"items\":{\"$ref\":\"#\"}}"), "[[[[]");
        assertThat(self.bytesToComplete()).isEqualTo(3);
    }

    @Test
    void annotationsAreIgnored() {
        Grammar g = grammar("""
                {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"x","title":"T","description":"d",
                 "type":"boolean","default":true,"examples":[true],"$comment":"c","deprecated":false,"readOnly":true,
                 "writeOnly":false,"strict":true,"x-vendor":{"anything":1}}""");
        assertThat(accepts(g, "true")).isTrue();
    }

    @Test
    void invalidSchemasSayWhatIsWrong() {
        assertThatThrownBy(() -> grammar("{\"type\":\"integer\",\"minimum\":5,\"maximum\":3}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no integer satisfies")
                .hasMessageContaining(">= 5 and <= 3");
        assertThatThrownBy(() -> grammar("{\"type\":\"number\",\"exclusiveMinimum\":1,\"maximum\":1}"))
                .hasMessageContaining("no number satisfies");
        assertThatThrownBy(() -> grammar("{\"type\":\"string\",\"minLength\":3,\"maxLength\":2}"))
                .hasMessageContaining("minLength 3 and maxLength 2");
        assertThatThrownBy(() -> grammar("{\"type\":\"array\",\"minItems\":3,\"maxItems\":2}"))
                .hasMessageContaining("minItems 3");
        assertThatThrownBy(() -> grammar("{\"type\":\"object\",\"properties\":{\"a\":{}},\"required\":[\"b\"],"
                + "\"additionalProperties\":false}"))
                .hasMessageContaining("'b'").hasMessageContaining("additionalProperties");
        assertThatThrownBy(() -> grammar("{\"$ref\":\"#/$defs/missing\"}")).hasMessageContaining("#/$defs/missing");
        assertThatThrownBy(() -> grammar("{\"enum\":[]}")).hasMessageContaining("non-empty");
        assertThatThrownBy(() -> grammar("{\"type\":\"string\",\"enum\":[1,2]}"))
                .hasMessageContaining("no value of type");
        assertThatThrownBy(() -> grammar("false")).hasMessageContaining("admits no value");
        assertThatThrownBy(() -> grammar("{\"type\":\"object\",\"properties\":{\"a\":false},\"required\":[\"a\"]}"))
                .hasMessageContaining("admits no value");
        assertThatThrownBy(() -> grammar("{\"$defs\":{\"n\":{\"type\":\"object\","
                + "\"properties\":{\"c\":{\"$ref\":\"#/$defs/n\"}},\"required\":[\"c\"]}},\"$ref\":\"#/$defs/n\"}"))
                .hasMessageContaining("admits no value");
        assertThatThrownBy(() -> grammar("{\"anyOf\":[{\"$ref\":\"#\"},{\"type\":\"null\"}]}"))
                .hasMessageContaining("recurse without writing a byte").hasMessageContaining("$ref #");
        assertThatThrownBy(() -> grammar("{\"type\":\"strnig\"}")).hasMessageContaining("'strnig'");
        assertThatThrownBy(() -> grammar("{\"type\":\"string\",\"minLength\":-1}"))
                .hasMessageContaining("non-negative");
        assertThatThrownBy(() -> grammar("[1]")).hasMessageContaining("must be an object or a boolean");
    }
}
