package dev.caracal.formats.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.caracal.formats.testing.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tokenizer read from Mistral's {@code tokenizer.json} agrees with Hugging Face tokenizers (through DJL's JNI
 * binding) on ids, with and without special tokens, and on decoded text, over 10,000 generated strings.
 *
 * <p>Hugging Face always parses special tokens, so Caracal encodes with {@code parseSpecial}. Java hands the native
 * library modified UTF-8, in which an unpaired surrogate becomes three invalid bytes; Hugging Face is therefore given
 * the string with each such surrogate already replaced by U+FFFD, which is what Caracal encodes it as.
 */
class SentencePieceHuggingFaceAgreementTest {

    static final int STRINGS = 10_000;
    static final long SEED = 20_240_323L;

    @Test
    void mistralTokenizerJsonAgreesWithHuggingFace() throws Exception {
        Path json = SharedData.require("tokenizers/mistral-v0.1-json/tokenizer.json");
        SentencePieceTokenizer caracal = SentencePieceTokenizer.fromTokenizerJson(json);
        try (HuggingFaceTokenizer reference = HuggingFaceTokenizer.newInstance(json,
                Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"))) {
            List<String> failures = compare(caracal, reference, new SentencePieceRandomText(SEED), STRINGS);
            assertThat(failures).as("strings where Caracal and Hugging Face differ (first few)").isEmpty();
        }
    }

    /** Compares {@code count} generated strings; returns descriptions of the first few differences. */
    static List<String> compare(SentencePieceTokenizer caracal, HuggingFaceTokenizer reference,
            SentencePieceRandomText generator, int count) {
        List<String> failures = new ArrayList<>();
        int differing = 0;
        for (int i = 0; i < count; i++) {
            String text = generator.next();
            String clean = SentencePieceTokenizer.withoutLoneSurrogates(text);
            for (boolean addSpecial : new boolean[] {false, true}) {
                int[] ours = caracal.encode(text, addSpecial, true);
                int[] theirs = Arrays.stream(reference.encode(clean, addSpecial, false).getIds())
                        .mapToInt(Math::toIntExact).toArray();
                String problem = null;
                if (!Arrays.equals(ours, theirs)) {
                    problem = "ids (addSpecial " + addSpecial + ")\n  caracal " + Arrays.toString(ours)
                            + "\n  hf      " + Arrays.toString(theirs);
                } else {
                    long[] ids = Arrays.stream(ours).asLongStream().toArray();
                    for (boolean renderSpecial : new boolean[] {false, true}) {
                        String ourText = caracal.decode(ours, renderSpecial);
                        String theirText = reference.decode(ids, !renderSpecial);
                        if (!ourText.equals(theirText)) {
                            problem = "decode (addSpecial " + addSpecial + ", renderSpecial " + renderSpecial
                                    + ") of " + Arrays.toString(ours) + "\n  caracal '"
                                    + SentencePieceRandomText.visible(ourText) + "'\n  hf      '"
                                    + SentencePieceRandomText.visible(theirText) + "'";
                            break;
                        }
                    }
                }
                if (problem != null) {
                    differing++;
                    if (failures.size() < 5) {
                        failures.add("#" + i + " '" + SentencePieceRandomText.visible(text) + "': " + problem);
                    }
                    break;
                }
            }
        }
        if (differing > failures.size()) {
            failures.add("… " + differing + " of " + count + " strings differ in all");
        }
        return failures;
    }
}
