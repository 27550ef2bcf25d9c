package dev.caracal.formats.tokenizer;

import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** llama.cpp's tokenizer test vectors ({@code .inp}/{@code .out} beside a vocabulary GGUF), and loading helpers. */
final class SentencePieceTestVectors {

    /** One test string and the ids llama.cpp expects for it (no BOS, special tokens not parsed). */
    record Vector(String text, int[] expected) {
    }

    private static final String SEPARATOR = "\n__ggml_vocab_test__\n";

    private SentencePieceTestVectors() {
    }

    /** The vectors of {@code tokenizer-tests/<vocabulary>}, read as llama.cpp's test-tokenizer-0 reads them. */
    static List<Vector> read(String vocabulary) {
        Path gguf = SharedData.require("tokenizer-tests/" + vocabulary);
        try {
            String raw = Files.readString(gguf.resolveSibling(vocabulary + ".inp"), StandardCharsets.UTF_8);
            List<String> lines = Files.readAllLines(gguf.resolveSibling(vocabulary + ".out"), StandardCharsets.UTF_8);
            List<String> inputs = new ArrayList<>();
            int position = 0;
            while (position < raw.length()) {
                int next = raw.indexOf(SEPARATOR, position);
                if (next < 0) {
                    inputs.add(raw.substring(position));
                    break;
                }
                inputs.add(raw.substring(position, next));
                position = next + SEPARATOR.length();
            }
            if (inputs.size() != lines.size()) {
                throw new AssertionError(
                        vocabulary + ": " + inputs.size() + " inputs but " + lines.size() + " outputs");
            }
            List<Vector> vectors = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                String line = lines.get(i).strip();
                int[] ids = line.isEmpty() ? new int[0]
                        : Arrays.stream(line.split(" ")).mapToInt(Integer::parseInt).toArray();
                vectors.add(new Vector(inputs.get(i), ids));
            }
            return vectors;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** The tokenizer of {@code tokenizer-tests/<vocabulary>}. */
    static SentencePieceTokenizer fromGguf(String vocabulary) {
        Path path = SharedData.require("tokenizer-tests/" + vocabulary);
        try (GgufFile file = GgufFile.open(path)) {
            return SentencePieceTokenizer.fromGguf(file.metadata(), file.fileName());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** Concatenates every token's bytes and decodes them at once (the reference for streaming decode). */
    static String decodeAtOnce(Tokenizer tokenizer, int[] tokens, boolean renderSpecial) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        boolean atStart = true;
        for (int token : tokens) {
            byte[] piece = tokenizer.tokenBytes(token, atStart, renderSpecial);
            if (piece.length > 0 || !tokenizer.isSpecial(token)) {
                atStart = false;
            }
            bytes.writeBytes(piece);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
