package dev.caracal.engine.structured;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Feeding text to grammars, and random walks that check every state's promises on the way. */
final class GrammarWalks {

    static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private GrammarWalks() {
    }

    static JsonNode json(String text) {
        return STRICT.readTree(text);
    }

    /** The state after all of {@code text}, or null when a byte is refused. */
    static GrammarState feed(Grammar grammar, String text) {
        return feed(grammar.start(), text.getBytes(StandardCharsets.UTF_8));
    }

    static GrammarState feed(GrammarState state, byte[] bytes) {
        for (byte b : bytes) {
            state = state.accept(b & 0xFF);
            if (state == null) {
                return null;
            }
        }
        return state;
    }

    /** The index of the first refused byte of {@code text}, or -1 when every byte is taken. */
    static int refusedAt(Grammar grammar, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        GrammarState state = grammar.start();
        for (int i = 0; i < bytes.length; i++) {
            state = state.accept(bytes[i] & 0xFF);
            if (state == null) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first refused byte of {@code bytes} (0..255 each), or -1 when every byte is taken. */
    static int bytesRefusedAt(Grammar grammar, int... bytes) {
        GrammarState state = grammar.start();
        for (int i = 0; i < bytes.length; i++) {
            state = state.accept(bytes[i]);
            if (state == null) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the grammar takes all of {@code text} and is complete after it. */
    static boolean accepts(Grammar grammar, String text) {
        GrammarState state = feed(grammar, text);
        return state != null && state.isComplete();
    }

    /**
     * A random output: each step picks uniformly among the allowed bytes that still leave room to complete within
     * {@code budget} bytes, and a complete state ends the walk now and then. On the way every state is checked:
     * bytesToComplete is 0 exactly when complete and is one more than the best next byte's otherwise, isClosed exactly
     * when no byte is allowed.
     */
    static byte[] randomWalk(Grammar grammar, SplittableRandom random, int budget) {
        GrammarState state = grammar.start();
        assertThat(state.bytesToComplete()).as("the start needs more than the budget").isLessThanOrEqualTo(budget);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GrammarState[] next = new GrammarState[256];
        int[] candidates = new int[256];
        while (true) {
            int need = state.bytesToComplete();
            int remaining = budget - out.size();
            assertThat(need).as("bytes to complete after %s", printable(out)).isLessThanOrEqualTo(remaining);
            assertThat(state.isComplete()).as("complete after %s", printable(out)).isEqualTo(need == 0);
            int allowed = 0;
            int bestNext = Integer.MAX_VALUE;
            int count = 0;
            for (int b = 0; b < 256; b++) {
                next[b] = state.accept(b);
                if (next[b] != null) {
                    allowed++;
                    int after = next[b].bytesToComplete();
                    bestNext = Math.min(bestNext, after);
                    if (after <= remaining - 1) {
                        candidates[count++] = b;
                    }
                }
            }
            assertThat(state.isClosed()).as("closed after %s", printable(out)).isEqualTo(allowed == 0);
            if (need > 0) {
                assertThat(bestNext).as("the best next byte after %s", printable(out)).isEqualTo(need - 1);
            }
            if (count == 0 || state.isComplete() && random.nextInt(6) == 0) {
                assertThat(state.isComplete()).as("complete at the end: %s", printable(out)).isTrue();
                break;
            }
            int b = candidates[random.nextInt(count)];
            out.write(b);
            state = next[b];
        }
        byte[] bytes = out.toByteArray();
        GrammarState again = feed(grammar.start(), bytes);
        assertThat(again).as("feeding the same bytes again gives an equal state").isEqualTo(state);
        assertThat(again.hashCode()).isEqualTo(state.hashCode());
        return bytes;
    }

    /** The bytes as strict UTF-8 (overlong forms and surrogates refused), or a failed assertion. */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("not valid UTF-8: " + printable(bytes), e);
        }
    }

    static String printable(ByteArrayOutputStream out) {
        return printable(out.toByteArray());
    }

    static String printable(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
