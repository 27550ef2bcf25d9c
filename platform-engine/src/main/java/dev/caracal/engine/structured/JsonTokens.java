package dev.caracal.engine.structured;

import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pieces every JSON grammar shares: whitespace between tokens, punctuation, the scalar leaves, and "any JSON value"
 * (built once, sealed, shared by every grammar).
 */
final class JsonTokens {

    /**
     * Whitespace after {@code { [ , :} and before {@code } ]}: nothing, one space, or one or two newlines and up to 20
     * spaces or tabs (as llama.cpp's JSON schema grammars), so that it always ends.
     */
    static final Element WHITESPACE = new LeafElement(BytePattern.compile("( |\n\n?[ \t]{0,20})?"));
    static final Element OPEN_OBJECT = literal("{");
    static final Element CLOSE_OBJECT = literal("}");
    static final Element OPEN_ARRAY = literal("[");
    static final Element CLOSE_ARRAY = literal("]");
    static final Element COMMA = literal(",");
    static final Element COLON = literal(":");
    static final Element NULL = literal("null");
    static final Element BOOLEAN = new LeafElement(ByteAutomaton.words(List.of(bytes("true"), bytes("false"))));
    static final Element STRING = new LeafElement(JsonStringState.start(0, JsonStringState.UNBOUNDED));
    static final Element NUMBER = new LeafElement(JsonNumberState.start(NumberRules.unbounded(false)));
    /** Matches nothing: a {@code false} schema. */
    static final Element NOTHING = new ChoiceElement();

    private static final JsonMapper MAPPER = JsonMapper.shared();

    private JsonTokens() {
    }

    /** Exactly {@code text}. */
    static Element literal(String text) {
        return new LeafElement(ByteAutomaton.literal(text));
    }

    /** The compact serialization of {@code value}, as written on the wire. */
    static byte[] serialize(JsonNode value) {
        return bytes(MAPPER.writeValueAsString(value));
    }

    /** {@code text} as a JSON string literal, quotes included. */
    static String quote(String text) {
        return MAPPER.writeValueAsString(text);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Any JSON value. */
    static Element anyValue() {
        return AnyValue.VALUE;
    }

    /** Any JSON object (a map of any keys to any values). */
    static Element anyObject() {
        return AnyValue.OBJECT;
    }

    /** The grammar of any JSON value, built and sealed when first asked for. */
    private static final class AnyValue {
        static final Element VALUE;
        static final Element OBJECT;

        static {
            ReferenceElement value = new ReferenceElement("any JSON value");
            Element object = ObjectGrammar.map(value);
            Element array = ArrayGrammar.of(List.of(), value, 0, RepeatElement.UNBOUNDED);
            value.resolve(new ChoiceElement(object, array, STRING, NUMBER, BOOLEAN, NULL));
            CompiledGrammar.of(value, "any JSON value");
            VALUE = value;
            OBJECT = object;
        }
    }
}
