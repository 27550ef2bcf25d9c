package dev.caracal.engine.structured;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.formats.testing.SharedData;
import dev.caracal.formats.tokenizer.Tokenizer;
import dev.caracal.formats.tokenizer.Tokenizers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The masker's trie walk against the obvious oracle: feeding every token's bytes through the grammar state one by one.
 * A small grammar of its own (the prefixes of a few texts) keeps the test independent of the JSON grammar.
 */
class TokenMaskerTest {

    /** Accepts exactly one of the texts; complete at the end of one, closed when no longer text continues. */
    private record TextsState(List<byte[]> texts, int position) implements GrammarState {
        @Override
        public GrammarState accept(int unsignedByte) {
            List<byte[]> left = texts.stream().filter(text -> text.length > position
                    && (text[position] & 0xFF) == unsignedByte).toList();
            return left.isEmpty() ? null : new TextsState(left, position + 1);
        }

        @Override
        public boolean isComplete() {
            return texts.stream().anyMatch(text -> text.length == position);
        }

        @Override
        public boolean isClosed() {
            return texts.stream().allMatch(text -> text.length == position);
        }

        @Override
        public int bytesToComplete() {
            return texts.stream().mapToInt(text -> text.length - position).min().orElseThrow();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TextsState state && state.position == position && state.texts.size() == texts.size()
                    && java.util.stream.IntStream.range(0, texts.size())
                            .allMatch(i -> java.util.Arrays.equals(texts.get(i), state.texts.get(i)));
        }

        @Override
        public int hashCode() {
            return position * 31 + texts.size();
        }
    }

    private static GrammarState texts(String... texts) {
        return new TextsState(java.util.Arrays.stream(texts).map(text -> text.getBytes(StandardCharsets.UTF_8))
                .toList(), 0);
    }

    @Test
    void theWalkAllowsExactlyTheTokensWhoseBytesTheStateAcceptsOnEveryVocabulary() throws Exception {
        for (String file : List.of("models/stories260K.gguf", "tokenizers/qwen3/tokenizer.json",
                "tokenizers/llama3/tokenizer.json")) {
            Tokenizer tokenizer = Tokenizers.load(SharedData.require(file));
            VocabularyTrie trie = new VocabularyTrie(tokenizer);
            Set<Integer> ends = tokenizer.endOfGenerationTokens();
            TokenMasker masker = new TokenMasker(trie, new PlainTokens(tokenizer), Set.of(), ends);
            GrammarState state = texts("{\"name\": \"Lily\", \"age\": 3}", "{\"name\": \"Tom\"}", "{\n  \"city\": \"Zürich 🙂\"}");
            SplittableRandom random = new SplittableRandom(7);
            while (true) {
                TokenMasker.Mask mask = masker.allowed(state, Integer.MAX_VALUE);
                int count = 0;
                for (int token = 0; token < tokenizer.vocabularySize(); token++) {
                    boolean expected = allows(tokenizer, state, token, ends);
                    assertThat(mask.allows(token)).as(file + " token " + token + " '" + tokenizer.piece(token)
                            + "' at " + state).isEqualTo(expected);
                    count += expected ? 1 : 0;
                }
                assertThat(mask.count()).isEqualTo(count);
                if (state.isClosed()) {
                    break;
                }
                // Move on by one allowed token that is not an end of generation.
                int[] allowed = java.util.stream.IntStream.range(0, tokenizer.vocabularySize())
                        .filter(mask::allows).filter(token -> !ends.contains(token)).toArray();
                int token = allowed[random.nextInt(allowed.length)];
                for (byte b : tokenizer.tokenBytes(token, false, true)) {
                    state = state.accept(b & 0xFF);
                }
            }
        }
    }

    private static boolean allows(Tokenizer tokenizer, GrammarState state, int token, Set<Integer> ends) {
        if (ends.contains(token)) {
            return state.isComplete();
        }
        if (tokenizer.isSpecial(token) || state.isClosed()) {
            return false;
        }
        byte[] bytes = tokenizer.tokenBytes(token, false, true);
        if (bytes.length == 0) {
            return false;
        }
        GrammarState next = state;
        for (byte b : bytes) {
            next = next.accept(b & 0xFF);
            if (next == null) {
                return false;
            }
        }
        return true;
    }

    @Test
    void nearTheEndOfTheBudgetOnlyTokensThatCanStillFinishAreAllowed() throws Exception {
        Tokenizer tokenizer = Tokenizers.load(SharedData.require("tokenizers/qwen3/tokenizer.json"));
        TokenMasker masker = new TokenMasker(new VocabularyTrie(tokenizer), new PlainTokens(tokenizer), Set.of(),
                tokenizer.endOfGenerationTokens());
        // Two ways on: a long text and a short one. With 3 tokens left, after "{" only the short one can finish.
        GrammarState state = texts("{\"a\"}", "{ \"a long way round to the end\"}").accept('{');
        TokenMasker.Mask ample = masker.allowed(state, 1_000);
        TokenMasker.Mask tight = masker.allowed(state, 4);
        int quoteA = tokenizer.encode("\"a", false, false)[0];
        assertThat(tokenizer.decode(new int[] {quoteA})).isEqualTo("\"a");
        assertThat(ample.allows(quoteA)).isTrue();
        assertThat(tight.allows(quoteA)).isTrue();
        int space = tokenizer.encode(" ", false, false)[0];
        assertThat(ample.allows(space)).isTrue();
        assertThat(tight.allows(space)).isFalse();
        assertThat(ample.count()).isGreaterThan(tight.count());
        // Every token the tight mask allows leaves at most 3 bytes to finish.
        for (int token = 0; token < tokenizer.vocabularySize(); token++) {
            if (tight.allows(token)) {
                GrammarState next = state;
                for (byte b : tokenizer.tokenBytes(token, false, true)) {
                    next = next.accept(b & 0xFF);
                }
                assertThat(next.bytesToComplete()).as(tokenizer.piece(token)).isLessThanOrEqualTo(3);
            }
        }
    }

    @Test
    void insideStringsPlainTokensAreAllowedByLengthExactlyAsAWalkAllowsThem() throws Exception {
        for (String file : List.of("models/stories260K.gguf", "tokenizers/qwen3/tokenizer.json")) {
            Tokenizer tokenizer = Tokenizers.load(SharedData.require(file));
            Set<Integer> ends = tokenizer.endOfGenerationTokens();
            TokenMasker masker = new TokenMasker(new VocabularyTrie(tokenizer), new PlainTokens(tokenizer), Set.of(),
                    ends);
            Grammar grammar = JsonSchemaGrammar.compile(GrammarWalks.json("""
                    {"type": "object", "properties": {"a": {"type": "string", "maxLength": 5}, "b": {"type": "string",
                     "minLength": 2}}, "required": ["a", "b"], "additionalProperties": false}"""));
            for (String prefix : List.of("{\"a\": \"", "{\"a\": \"xy", "{\"a\": \"x\\", "{\"a\": \"caf\u00e9",
                    "{\"a\": \"abcd", "{\"a\": \"abcde", "{\"a\": \"\", \"b\": \"", "{\"a\": \"\", \"b\": \"q")) {
                GrammarState state = GrammarWalks.feed(grammar, prefix);
                TokenMasker.Mask mask = masker.allowed(state, Integer.MAX_VALUE);
                int count = 0;
                for (int token = 0; token < tokenizer.vocabularySize(); token++) {
                    boolean expected = allows(tokenizer, state, token, ends);
                    assertThat(mask.allows(token)).as(file + " after " + prefix + ": token " + token + " '"
                            + tokenizer.piece(token) + "'").isEqualTo(expected);
                    count += expected ? 1 : 0;
                }
                assertThat(mask.count()).isEqualTo(count);
            }
            // A byte in the middle of a character is not a place for plain tokens.
            byte[] e = "\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            GrammarState half = GrammarWalks.feed(grammar, "{\"a\": \"").accept(e[0] & 0xFF);
            assertThat(half.plainRun()).isEqualTo(-1);
        }
    }
}
