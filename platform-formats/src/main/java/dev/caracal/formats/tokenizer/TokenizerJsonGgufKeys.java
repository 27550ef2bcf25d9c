package dev.caracal.formats.tokenizer;

import dev.caracal.formats.ModelFormatException;
import dev.caracal.formats.gguf.GgufArray;
import dev.caracal.formats.gguf.GgufValue;
import dev.caracal.formats.gguf.GgufValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Hugging Face {@code tokenizer.json} (with the {@code tokenizer_config.json} and {@code config.json} beside it) as
 * GGUF {@code tokenizer.*} keys, the way llama.cpp's converter writes them: byte-level BPE (Llama 3, Qwen2/2.5/3,
 * GPT-2) as model {@code gpt2}, SentencePiece-style BPE with byte fallback (Llama 2, Mistral) as model {@code llama}.
 */
public final class TokenizerJsonGgufKeys {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern BYTE_PIECE = Pattern.compile("<0x[0-9A-Fa-f]{2}>");
    private static final int NORMAL = 1;
    private static final int UNKNOWN = 2;
    private static final int CONTROL = 3;
    private static final int USER_DEFINED = 4;
    private static final int UNUSED = 5;
    private static final int BYTE = 6;

    private TokenizerJsonGgufKeys() {
    }

    /**
     * True when {@code tokenizerJson} is SentencePiece-style (no byte-level pre-tokenizer or decoder; byte fallback, a
     * ByteFallback decoder or a Metaspace pre-tokenizer), false otherwise (byte-level BPE), as
     * {@link Tokenizers#fromTokenizerJson} tells them apart.
     */
    public static boolean isSentencePiece(Path tokenizerJson) throws IOException {
        JsonNode root = JSON.readTree(Files.readAllBytes(tokenizerJson));
        boolean byteLevel = root.path("pre_tokenizer").toString().contains("\"ByteLevel\"")
                || root.path("decoder").path("type").asString("").equals("ByteLevel");
        return !byteLevel && (root.path("model").path("byte_fallback").asBoolean(false)
                || root.path("decoder").toString().contains("ByteFallback")
                || root.path("pre_tokenizer").toString().contains("Metaspace"));
    }

    /**
     * A byte-level BPE {@code tokenizer.json} as llama.cpp's converter writes it ({@code _set_vocab_gpt2}): model
     * {@code gpt2}, the pre-tokenizer's name, tokens by id (added tokens included, gaps filled with
     * {@code [PAD<id>]}), token types (1 normal, 3 control for special added tokens, 4 user defined for the other
     * added tokens, 5 unused for gaps), merges as {@code "a b"}, and from {@code tokenizer_config.json} BOS, EOS,
     * whether BOS is added and the chat template.
     *
     * @param preTokenizer GGUF's {@code tokenizer.ggml.pre} ({@code llama-bpe} for Llama 3, {@code qwen2} for Qwen)
     */
    public static Map<String, GgufValue> byteLevel(Path tokenizerJson, String preTokenizer) throws IOException {
        return byteLevel(tokenizerJson, preTokenizer, 0);
    }

    /**
     * {@link #byteLevel(Path, String)} with the token list padded with unused {@code [PAD<id>]} tokens to
     * {@code paddedSize} (the embedding's rows, {@code vocab_size}), as llama.cpp's converter pads it.
     */
    public static Map<String, GgufValue> byteLevel(Path tokenizerJson, String preTokenizer, int paddedSize)
            throws IOException {
        String name = tokenizerJson.toString();
        JsonNode root = JSON.readTree(Files.readAllBytes(tokenizerJson));
        JsonNode model = root.path("model");
        if (!"BPE".equals(model.path("type").asString("")) || !model.path("vocab").isObject()) {
            throw new ModelFormatException(name, ModelFormatException.NO_OFFSET,
                    "not a BPE tokenizer.json (model.type BPE with a vocab object)");
        }
        Map<Integer, String> tokens = new LinkedHashMap<>();
        Map<Integer, Integer> types = new LinkedHashMap<>();
        int size = 0;
        for (Map.Entry<String, JsonNode> entry : model.path("vocab").properties()) {
            int id = entry.getValue().asInt();
            tokens.put(id, entry.getKey());
            types.put(id, NORMAL);
            size = Math.max(size, id + 1);
        }
        for (JsonNode added : root.path("added_tokens")) {
            int id = added.path("id").asInt();
            tokens.put(id, added.path("content").asString());
            types.put(id, added.path("special").asBoolean(false) ? CONTROL : USER_DEFINED);
            size = Math.max(size, id + 1);
        }
        size = Math.max(size, paddedSize);
        String[] tokenArray = new String[size];
        int[] typeArray = new int[size];
        for (int id = 0; id < size; id++) {
            tokenArray[id] = tokens.getOrDefault(id, "[PAD" + id + "]");
            typeArray[id] = types.getOrDefault(id, UNUSED);
        }
        List<String> merges = new ArrayList<>();
        for (JsonNode merge : model.path("merges")) {
            merges.add(merge.isArray() ? merge.get(0).asString() + " " + merge.get(1).asString() : merge.asString());
        }
        Map<String, GgufValue> keys = new LinkedHashMap<>();
        keys.put("tokenizer.ggml.model", GgufValue.ofString("gpt2"));
        keys.put("tokenizer.ggml.pre", GgufValue.ofString(preTokenizer));
        keys.put("tokenizer.ggml.tokens", GgufValue.ofArray(new GgufArray(GgufValueType.STRING, tokenArray)));
        keys.put("tokenizer.ggml.token_type", GgufValue.ofArray(new GgufArray(GgufValueType.INT32, typeArray)));
        keys.put("tokenizer.ggml.merges", GgufValue.ofArray(new GgufArray(GgufValueType.STRING,
                merges.toArray(String[]::new))));
        JsonNode config = tokenizerConfig(tokenizerJson);
        Integer bos = config == null ? null : idOf(config.get("bos_token"), tokens);
        Integer eos = config == null ? null : idOf(config.get("eos_token"), tokens);
        if (bos != null) {
            keys.put("tokenizer.ggml.bos_token_id", GgufValue.ofUint32(bos));
        }
        if (eos != null) {
            keys.put("tokenizer.ggml.eos_token_id", GgufValue.ofUint32(eos));
        }
        boolean addBos = config != null && config.has("add_bos_token") ? config.get("add_bos_token").asBoolean()
                : bos != null && root.path("post_processor").toString().contains(tokens.get(bos));
        keys.put("tokenizer.ggml.add_bos_token", GgufValue.ofBool(addBos));
        keys.put("tokenizer.ggml.add_eos_token", GgufValue.ofBool(false));
        putChatTemplate(config, keys);
        return keys;
    }

    /**
     * A SentencePiece-style {@code tokenizer.json} (BPE with byte fallback and {@code ▁} for spaces: Llama 2, Mistral)
     * as GGUF model {@code llama}, pre-tokenizer {@code default}: tokens by id, token types as a SentencePiece
     * {@code tokenizer.model} gives them (6 byte for {@code <0xXX>}, 2 unknown for {@code model.unk_token}, 3 control
     * for the other special added tokens, 4 user defined for the other added tokens, 1 normal), BOS, EOS, unknown and
     * padding ids and whether BOS and EOS are added from {@code tokenizer_config.json} (else {@code config.json}'s ids
     * and the post-processor), and the chat template.
     *
     * <p>Scores: llama.cpp merges pieces by the score of the merged piece, as SentencePiece does. A normal piece scores
     * minus the number of normal pieces before it, the scores SentencePiece's BPE trainer gives in vocabulary order,
     * and the order in which Hugging Face's converter ranked the merges, so llama.cpp merges as the tokenizer.json
     * does; other tokens score 0. (llama.cpp's converter, given no {@code tokenizer.model}, writes -1000 for every
     * token, with which llama.cpp merges leftmost first.)
     *
     * @param paddedSize the token list is padded with unused {@code [PAD<id>]} tokens to this size (the embedding's
     *                   rows), as llama.cpp's converter pads it; 0 for none
     * @throws ModelFormatException when it is not such a tokenizer.json
     */
    public static Map<String, GgufValue> sentencePiece(Path tokenizerJson, int paddedSize) throws IOException {
        String name = tokenizerJson.toString();
        JsonNode root = JSON.readTree(Files.readAllBytes(tokenizerJson));
        JsonNode model = root.path("model");
        if (!"BPE".equals(model.path("type").asString("")) || !model.path("vocab").isObject()) {
            throw new ModelFormatException(name, ModelFormatException.NO_OFFSET,
                    "not a SentencePiece-style tokenizer.json (model.type BPE with a vocab object)");
        }
        Map<Integer, String> tokens = new LinkedHashMap<>();
        Map<Integer, Integer> types = new LinkedHashMap<>();
        int size = 0;
        for (Map.Entry<String, JsonNode> entry : model.path("vocab").properties()) {
            int id = entry.getValue().asInt();
            tokens.put(id, entry.getKey());
            types.put(id, BYTE_PIECE.matcher(entry.getKey()).matches() ? BYTE : NORMAL);
            size = Math.max(size, id + 1);
        }
        for (JsonNode added : root.path("added_tokens")) {
            int id = added.path("id").asInt();
            tokens.put(id, added.path("content").asString());
            types.put(id, added.path("special").asBoolean(false) ? CONTROL : USER_DEFINED);
            size = Math.max(size, id + 1);
        }
        JsonNode config = tokenizerConfig(tokenizerJson);
        Integer unknown = idOf(config == null ? null : config.get("unk_token"), tokens);
        if (unknown == null) {
            unknown = idOf(model.get("unk_token"), tokens);
        }
        if (unknown != null) {
            types.put(unknown, UNKNOWN);
        }
        size = Math.max(size, paddedSize);
        String[] tokenArray = new String[size];
        float[] scores = new float[size];
        int[] typeArray = new int[size];
        int normalBefore = 0;
        for (int id = 0; id < size; id++) {
            tokenArray[id] = tokens.getOrDefault(id, "[PAD" + id + "]");
            typeArray[id] = types.getOrDefault(id, UNUSED);
            if (typeArray[id] == NORMAL) {
                scores[id] = -(float) normalBefore++;
            }
        }
        Map<String, GgufValue> keys = new LinkedHashMap<>();
        keys.put("tokenizer.ggml.model", GgufValue.ofString("llama"));
        keys.put("tokenizer.ggml.pre", GgufValue.ofString("default"));
        keys.put("tokenizer.ggml.tokens", GgufValue.ofArray(new GgufArray(GgufValueType.STRING, tokenArray)));
        keys.put("tokenizer.ggml.scores", GgufValue.ofArray(new GgufArray(GgufValueType.FLOAT32, scores)));
        keys.put("tokenizer.ggml.token_type", GgufValue.ofArray(new GgufArray(GgufValueType.INT32, typeArray)));
        JsonNode modelConfig = modelConfig(tokenizerJson);
        Integer bos = specialId(config, modelConfig, "bos", tokens);
        Integer eos = specialId(config, modelConfig, "eos", tokens);
        Integer padding = specialId(config, modelConfig, "pad", tokens);
        if (bos != null) {
            keys.put("tokenizer.ggml.bos_token_id", GgufValue.ofUint32(bos));
        }
        if (eos != null) {
            keys.put("tokenizer.ggml.eos_token_id", GgufValue.ofUint32(eos));
        }
        if (unknown != null) {
            keys.put("tokenizer.ggml.unknown_token_id", GgufValue.ofUint32(unknown));
        }
        if (padding != null) {
            keys.put("tokenizer.ggml.padding_token_id", GgufValue.ofUint32(padding));
        }
        String processor = root.path("post_processor").toString();
        boolean addBos = config != null && config.path("add_bos_token").isBoolean()
                ? config.get("add_bos_token").booleanValue()
                : bos != null && processor.contains("\"SpecialToken\":{\"id\":" + JSON.writeValueAsString(
                        tokens.get(bos)));
        boolean addEos = config != null && config.path("add_eos_token").isBoolean()
                && config.get("add_eos_token").booleanValue();
        keys.put("tokenizer.ggml.add_bos_token", GgufValue.ofBool(addBos));
        keys.put("tokenizer.ggml.add_eos_token", GgufValue.ofBool(addEos));
        putChatTemplate(config, keys);
        return keys;
    }

    /** The {@code tokenizer_config.json} beside {@code tokenizerJson}, or null. */
    private static JsonNode tokenizerConfig(Path tokenizerJson) throws IOException {
        Path file = tokenizerJson.resolveSibling("tokenizer_config.json");
        return Files.isRegularFile(file) ? JSON.readTree(Files.readAllBytes(file)) : null;
    }

    /** The {@code config.json} beside {@code tokenizerJson}, or null. */
    private static JsonNode modelConfig(Path tokenizerJson) throws IOException {
        Path file = tokenizerJson.resolveSibling("config.json");
        return Files.isRegularFile(file) ? JSON.readTree(Files.readAllBytes(file)) : null;
    }

    /** {@code <kind>_token} of tokenizer_config.json, else {@code <kind>_token_id} of config.json (as gguf-py does). */
    private static Integer specialId(JsonNode config, JsonNode modelConfig, String kind, Map<Integer, String> tokens) {
        Integer id = config == null ? null : idOf(config.get(kind + "_token"), tokens);
        if (id == null && modelConfig != null && modelConfig.path(kind + "_token_id").canConvertToInt()) {
            int fromConfig = modelConfig.path(kind + "_token_id").intValue();
            id = tokens.containsKey(fromConfig) ? fromConfig : null;
        }
        return id;
    }

    /** {@code chat_template}: a string, or a list of {name, template} whose default one is the chat template. */
    private static void putChatTemplate(JsonNode config, Map<String, GgufValue> keys) {
        JsonNode template = config == null ? null : config.get("chat_template");
        if (template != null && template.isString()) {
            keys.put("tokenizer.chat_template", GgufValue.ofString(template.asString()));
        } else if (template != null && template.isArray()) {
            for (JsonNode named : template) {
                if ("default".equals(named.path("name").asString(""))) {
                    keys.put("tokenizer.chat_template", GgufValue.ofString(named.path("template").asString()));
                }
            }
        }
    }

    /** The id of a special token named in tokenizer_config.json (a string, or an object with its content). */
    private static Integer idOf(JsonNode token, Map<Integer, String> tokens) {
        if (token == null || token.isNull()) {
            return null;
        }
        String content = token.isObject() ? token.path("content").asString(null) : token.asString(null);
        if (content == null) {
            return null;
        }
        for (Map.Entry<Integer, String> entry : tokens.entrySet()) {
            if (entry.getValue().equals(content)) {
                return entry.getKey();
            }
        }
        return null;
    }
}
