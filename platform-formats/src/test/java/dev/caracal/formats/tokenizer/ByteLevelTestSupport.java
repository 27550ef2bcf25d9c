package dev.caracal.formats.tokenizer;

import dev.caracal.formats.gguf.GgufArray;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufValue;
import dev.caracal.formats.gguf.GgufValueType;
import dev.caracal.formats.gguf.GgufWriter;
import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Shared helpers of the byte-level tokenizer tests: test vectors, tokenizers loaded once, GGUF conversion. */
final class ByteLevelTestSupport {

    /** One test string and the ids llama.cpp expects for it (no BOS, special tokens not parsed). */
    record Vector(String text, int[] expected) {
    }

    static final String LLAMA3 = "tokenizers/llama3/tokenizer.json";
    static final String QWEN3 = "tokenizers/qwen3/tokenizer.json";

    private static final String SEPARATOR = "\n__ggml_vocab_test__\n";
    private static final Map<String, ByteLevelBpeTokenizer> LOADED = new ConcurrentHashMap<>();

    private ByteLevelTestSupport() {
    }

    /** The tokenizer.json at {@code relativePath} of the shared data, loaded once per test run. */
    static ByteLevelBpeTokenizer fromJson(String relativePath) {
        Path path = SharedData.require(relativePath);
        return LOADED.computeIfAbsent("json:" + relativePath, key -> {
            try {
                return ByteLevelBpeTokenizer.fromTokenizerJson(path);
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
        });
    }

    /** llama.cpp's vectors {@code tokenizer-tests/<name>.inp/.out}, read as test-tokenizer-0 reads them. */
    static List<Vector> vectors(String name) {
        Path input = SharedData.require("tokenizer-tests/" + name + ".inp");
        Path output = SharedData.require("tokenizer-tests/" + name + ".out");
        try {
            String raw = Files.readString(input, StandardCharsets.UTF_8);
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            List<String> inputs = new ArrayList<>();
            int position = 0;
            int next;
            while ((next = raw.indexOf(SEPARATOR, position)) >= 0) {
                inputs.add(raw.substring(position, next));
                position = next + SEPARATOR.length();
            }
            if (inputs.size() != lines.size()) {
                throw new AssertionError(name + ": " + inputs.size() + " inputs but " + lines.size() + " outputs");
            }
            List<Vector> vectors = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                String line = lines.get(i).strip();
                int[] ids = line.isEmpty() ? new int[0]
                        : Arrays.stream(line.split(" +")).mapToInt(Integer::parseInt).toArray();
                vectors.add(new Vector(inputs.get(i), ids));
            }
            return vectors;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /**
     * Writes the vocabulary of a tokenizer.json (and tokenizer_config.json beside it) as a vocabulary-only GGUF the
     * way llama.cpp's convert_hf_to_gguf.py does: every id's token in order, token types (added tokens that are
     * special or look like {@code <|...|>} are CONTROL, other added tokens USER_DEFINED, unused ids padding),
     * merges as "a b" strings, the pre-tokenizer name, BOS/EOS ids and add_bos_token where the config has it.
     */
    static Path writeGguf(Path tokenizerJson, String pre, Path directory) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        JsonNode root = json.readTree(Files.readAllBytes(tokenizerJson));
        JsonNode vocab = root.path("model").path("vocab");
        int size = 0;
        for (Map.Entry<String, JsonNode> entry : vocab.properties()) {
            size = Math.max(size, entry.getValue().intValue() + 1);
        }
        for (JsonNode added : root.path("added_tokens").values()) {
            size = Math.max(size, added.path("id").intValue() + 1);
        }
        String[] tokens = new String[size];
        int[] types = new int[size];
        for (Map.Entry<String, JsonNode> entry : vocab.properties()) {
            tokens[entry.getValue().intValue()] = entry.getKey();
            types[entry.getValue().intValue()] = ByteLevelGgufReader.NORMAL;
        }
        for (JsonNode added : root.path("added_tokens").values()) {
            int id = added.path("id").intValue();
            String content = added.path("content").stringValue();
            tokens[id] = content;
            boolean looksSpecial = content.startsWith("<|") && content.endsWith("|>");
            types[id] = added.path("special").asBoolean(false) || looksSpecial
                    ? ByteLevelGgufReader.CONTROL : ByteLevelGgufReader.USER_DEFINED;
        }
        for (int id = 0; id < size; id++) {
            if (tokens[id] == null) {
                tokens[id] = "[PAD" + id + "]";
                types[id] = ByteLevelGgufReader.UNUSED;
            }
        }
        List<String> merges = new ArrayList<>();
        for (JsonNode merge : root.path("model").path("merges").values()) {
            merges.add(merge.isString() ? merge.stringValue()
                    : merge.get(0).stringValue() + " " + merge.get(1).stringValue());
        }
        GgufWriter writer = new GgufWriter()
                .put("general.architecture", GgufValue.ofString("llama"))
                .put("tokenizer.ggml.model", GgufValue.ofString("gpt2"))
                .put("tokenizer.ggml.pre", GgufValue.ofString(pre))
                .put("tokenizer.ggml.tokens", GgufValue.ofArray(new GgufArray(GgufValueType.STRING, tokens)))
                .put("tokenizer.ggml.token_type", GgufValue.ofArray(new GgufArray(GgufValueType.INT32, types)))
                .put("tokenizer.ggml.merges", GgufValue.ofArray(
                        new GgufArray(GgufValueType.STRING, merges.toArray(String[]::new))));
        Path config = tokenizerJson.resolveSibling("tokenizer_config.json");
        if (Files.exists(config)) {
            JsonNode settings = json.readTree(Files.readAllBytes(config));
            Map<String, Integer> ids = new java.util.HashMap<>();
            for (int id = 0; id < size; id++) {
                ids.putIfAbsent(tokens[id], id);
            }
            for (String name : new String[] {"bos", "eos"}) {
                JsonNode token = settings.get(name + "_token");
                String text = token == null || token.isNull() ? null
                        : token.isString() ? token.stringValue() : token.path("content").stringValue();
                if (text != null && ids.containsKey(text)) {
                    writer.put("tokenizer.ggml." + name + "_token_id", GgufValue.ofUint32(ids.get(text)));
                }
            }
            JsonNode addBos = settings.get("add_bos_token");
            if (addBos != null && addBos.isBoolean()) {
                writer.put("tokenizer.ggml.add_bos_token", GgufValue.ofBool(addBos.booleanValue()));
            }
        }
        Path path = directory.resolve("vocab-" + pre + ".gguf");
        writer.write(path);
        return path;
    }

    /** Reads the tokenizer from a GGUF file. */
    static ByteLevelBpeTokenizer fromGgufFile(Path path) throws IOException {
        try (GgufFile file = GgufFile.open(path)) {
            return ByteLevelBpeTokenizer.fromGguf(file.metadata(), file.fileName());
        }
    }

    /** Ids as text, for failure messages. */
    static String ids(int[] ids) {
        return Arrays.toString(ids);
    }

    /** {@code text} with control and non-ASCII characters escaped, for failure messages. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder("\"");
        text.chars().forEach(c -> {
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                escaped.append((char) c);
            } else {
                escaped.append(String.format("\\u%04x", c));
            }
        });
        return escaped.append('"').toString();
    }
}
