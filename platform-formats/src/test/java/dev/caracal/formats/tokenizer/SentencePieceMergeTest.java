package dev.caracal.formats.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The merge rules on tiny vocabularies: score order, leftmost among equals, pieces across words, fallbacks. */
class SentencePieceMergeTest {

    private static final String[] BASE = {"<unk>", "<s>", "</s>", "▁", "a", "b", "<0xC3>", "<0xA9>"};

    /** A vocabulary of BASE plus {@code extra} pieces with the given scores, merged by score. */
    private static SentencePieceVocabulary vocabulary(String[] extra, float[] extraScores) {
        SentencePieceVocabulary vocabulary = new SentencePieceVocabulary("toy");
        int count = BASE.length + extra.length;
        vocabulary.pieces = Arrays.copyOf(BASE, count);
        System.arraycopy(extra, 0, vocabulary.pieces, BASE.length, extra.length);
        vocabulary.scores = new float[count];
        System.arraycopy(extraScores, 0, vocabulary.scores, BASE.length, extra.length);
        vocabulary.types = new SentencePieceTokenType[count];
        Arrays.fill(vocabulary.types, SentencePieceTokenType.NORMAL);
        vocabulary.types[0] = SentencePieceTokenType.UNKNOWN;
        vocabulary.types[1] = SentencePieceTokenType.CONTROL;
        vocabulary.types[2] = SentencePieceTokenType.CONTROL;
        vocabulary.types[6] = SentencePieceTokenType.BYTE;
        vocabulary.types[7] = SentencePieceTokenType.BYTE;
        vocabulary.indexAllPieces();
        vocabulary.bos = 1;
        vocabulary.eos = 2;
        vocabulary.unknown = 0;
        return vocabulary;
    }

    @Test
    void highestScoreMergesFirstAndEqualScoresLeftmostFirst() {
        SentencePieceTokenizer tokenizer = new SentencePieceTokenizer(
                vocabulary(new String[] {"aa"}, new float[] {-1}));
        assertThat(tokenizer.encode("aaa", false, false)).containsExactly(3, 8, 4); // ▁ aa a, not ▁ a aa
        assertThat(tokenizer.encode("aaa", true, false)).containsExactly(1, 3, 8, 4);
        assertThat(tokenizer.decode(new int[] {3, 8, 4})).isEqualTo("aaa");
    }

    @Test
    void piecesThatSpanWordsAreFoundAcrossTheSpace() {
        // "a▁" (-1) beats "▁a" (-3), then "a▁b" (-0.5) joins the next word: ▁ + a▁b.
        SentencePieceTokenizer tokenizer = new SentencePieceTokenizer(
                vocabulary(new String[] {"▁a", "a▁", "a▁b"}, new float[] {-3, -1, -0.5f}));
        assertThat(tokenizer.encode("a b", false, false)).containsExactly(3, 10);
        assertThat(tokenizer.decode(new int[] {3, 10})).isEqualTo("a b");
    }

    @Test
    void charactersOutsideTheVocabularyBecomeBytesOrUnknown() {
        SentencePieceTokenizer tokenizer = new SentencePieceTokenizer(vocabulary(new String[0], new float[0]));
        assertThat(tokenizer.encode("é", false, false)).containsExactly(3, 6, 7);
        assertThat(tokenizer.decode(new int[] {3, 6, 7})).isEqualTo("é");
        assertThat(tokenizer.encode("ü", false, false)).containsExactly(3, 0); // <0xBC> is missing
        assertThat(tokenizer.decode(new int[] {3, 0})).isEmpty();
        assertThat(tokenizer.decode(new int[] {3, 0}, true)).isEqualTo("<unk>");
    }

    @Test
    void rankedMergesFollowRankNotScore() {
        SentencePieceVocabulary vocabulary = vocabulary(new String[] {"▁a", "ab", "▁ab"}, new float[] {-1, -2, -3});
        // Ranks: "a b" first, then "▁ ab"; "▁ a" last: the opposite of the scores.
        vocabulary.merges = new SentencePieceMergeTable(new int[] {4, 3, 3}, new int[] {5, 9, 4},
                new int[] {9, 10, 8});
        vocabulary.byteFallback = true;
        SentencePieceTokenizer tokenizer = new SentencePieceTokenizer(vocabulary);
        assertThat(tokenizer.encode("ab", false, false)).containsExactly(10);
        assertThat(tokenizer.encode("aab", false, false)).containsExactly(8, 9);
    }

    @Test
    void rankedMergesFuseUnknownCharactersWhenAsked() {
        SentencePieceVocabulary vocabulary = vocabulary(new String[0], new float[0]);
        vocabulary.merges = new SentencePieceMergeTable(new int[0], new int[0], new int[0]);
        vocabulary.byteFallback = false;
        assertThat(new SentencePieceTokenizer(vocabulary).encode("xyz", false, false)).containsExactly(3, 0, 0, 0);
        vocabulary.fuseUnknown = true;
        assertThat(new SentencePieceTokenizer(vocabulary).encode("xyz", false, false)).containsExactly(3, 0);
        vocabulary.byteFallback = true;
        assertThat(new SentencePieceTokenizer(vocabulary).encode("é", false, false)).containsExactly(3, 6, 7);
    }
}
