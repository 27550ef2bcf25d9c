package dev.caracal.formats.toolcall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The incremental JSON checker agrees with Jackson, and every safe prefix closes into valid JSON. */
class JsonValueScannerTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    @Test
    void objectsAreRecognized() {
        for (String valid : List.of("{}", "{\"a\":1}", "{ \"a\" : [ 1 , -0.5e+3 , true , null , \"x\\u00e9\\n\" ] }",
                "{\"a\":{\"b\":{}},\"c\":[[],[{}]]}", "{\"\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}")) {
            assertThat(JsonValueScanner.isObject(valid)).as(valid).isTrue();
        }
        for (String invalid : List.of("", "[]", "\"x\"", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{,}", "{\"a\" 1}",
                "{\"a\":01}", "{\"a\":1.}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":tru}", "{\"a\":\"\\x\"}",
                "{\"a\":\"\\u12g4\"}", "{\"a\":\"line\nbreak\"}", "{\"a\":[1 2]}", "{\"a\":[1,]}", "{\"a\":1} ",
                "{\"a\":1}}", "{'a':1}", "{a:1}", "{\"a\":[}]}", "{\"a\":NaN}")) {
            assertThat(JsonValueScanner.isObject(invalid)).as(invalid).isFalse();
        }
    }

    @Provide
    Arbitrary<String> jsonLikeText() {
        Arbitrary<String> pieces = Arbitraries.of("{", "}", "[", "]", "\"", ":", ",", " ", "\n", "\\", "\\\"", "\\u",
                "00e9", "a", "0", "1", "-", ".", "e", "+", "true", "false", "null", "{\"k\":", "\"s\"", "12.5", "\t");
        return pieces.list().ofMaxSize(20).map(list -> String.join("", list));
    }

    @Provide
    Arbitrary<String> objects() {
        return object(3);
    }

    /** Valid objects with one character replaced, inserted or deleted: mostly invalid, near the valid ones. */
    @Provide
    Arbitrary<String> mutatedObjects() {
        Arbitrary<String> replacement = Arbitraries.of("", "{", "}", "[", "]", "\"", ":", ",", " ", "\\", "0", "-", ".",
                "e", "t", "\u0001");
        return Combinators.combine(object(3), Arbitraries.doubles().between(0, 1), replacement,
                        Arbitraries.of(true, false))
                .as((text, where, with, insert) -> {
                    int at = (int) (where * text.length());
                    return text.substring(0, at) + with + text.substring(insert ? at : Math.min(text.length(), at + 1));
                });
    }

    @Property(tries = 3000, seed = "20250611")
    void agreesWithJacksonOnWhatIsAnObject(@ForAll("jsonLikeText") String text) {
        assertThat(JsonValueScanner.isObject(text)).as(text).isEqualTo(jacksonSaysObject(text));
    }

    @Property(tries = 3000, seed = "20250611")
    void agreesWithJacksonNearValidObjects(@ForAll("mutatedObjects") String text) {
        assertThat(JsonValueScanner.isObject(text)).as(text).isEqualTo(jacksonSaysObject(text));
    }

    @Property(tries = 2000, seed = "20250611")
    void everySafePrefixClosesIntoAnObject(@ForAll("objects") String text) {
        assertThat(jacksonSaysObject(text)).as(text).isTrue();
        JsonValueScanner scanner = new JsonValueScanner();
        for (int i = 0; i < text.length(); i++) {
            assertThat(scanner.accept(text.charAt(i))).as(text).isNotEqualTo(JsonValueScanner.Step.INVALID);
            String closed = text.substring(0, scanner.safeLength()) + scanner.closure();
            if (scanner.safeLength() > 0) {
                assertThat(jacksonSaysObject(closed)).as(closed).isTrue();
            }
        }
        assertThat(scanner.safeLength()).isEqualTo(text.length());
        assertThat(scanner.closure()).isEmpty();
    }

    private static Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(string(),
                Arbitraries.of("0", "-0", "7", "-12", "3.25", "1e9", "-2.5E-3", "10E+2", "true", "false", "null"));
        if (depth == 0) {
            return scalar;
        }
        return Arbitraries.frequencyOf(Tuple.of(3, scalar), Tuple.of(1, array(depth - 1)),
                Tuple.of(1, object(depth - 1)));
    }

    private static Arbitrary<String> array(int depth) {
        return Arbitraries.lazy(() -> Combinators.combine(value(depth).list().ofMaxSize(4), space())
                .as((values, space) -> "[" + space + String.join("," + space, values) + "]"));
    }

    private static Arbitrary<String> object(int depth) {
        Arbitrary<String> member = Arbitraries.lazy(() -> Combinators.combine(string(), space(), value(depth))
                .as((key, space, value) -> key + space + ":" + space + value));
        return Combinators.combine(member.list().ofMaxSize(4), space())
                .as((members, space) -> "{" + space + String.join("," + space, members) + space + "}");
    }

    private static Arbitrary<String> string() {
        return Arbitraries.of("a", "}", "]", "{", ":", ",", " ", "é", "😀", "\\\"", "\\\\", "\\n", "\\u00e9",
                        "\\ud83d\\ude00", "\\/", "</tool_call>")
                .list().ofMaxSize(6).map(parts -> "\"" + String.join("", parts) + "\"");
    }

    private static Arbitrary<String> space() {
        return Arbitraries.of("", " ", "\n  ", "\t");
    }

    @Test
    void aNumberEndsBeforeTheCharacterAfterIt() {
        JsonValueScanner scanner = new JsonValueScanner();
        assertThat(scanner.accept('4')).isEqualTo(JsonValueScanner.Step.MORE);
        assertThat(scanner.accept('2')).isEqualTo(JsonValueScanner.Step.MORE);
        assertThat(scanner.accept(',')).isEqualTo(JsonValueScanner.Step.DONE_BEFORE);
        assertThat(scanner.length()).isEqualTo(2);
    }

    @Test
    void keysAndHalfEscapesAreNotSafe() {
        JsonValueScanner scanner = new JsonValueScanner();
        String text = "{\"key\": \"v\\u00";
        for (char c : text.toCharArray()) {
            scanner.accept(c);
        }
        assertThat(text.substring(0, scanner.safeLength())).isEqualTo("{\"key\": \"v");
        assertThat(scanner.closure()).isEqualTo("\"}");
    }

    private static boolean jacksonSaysObject(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() && text.startsWith("{") && text.endsWith("}");
        } catch (JacksonException e) {
            return false;
        }
    }
}
