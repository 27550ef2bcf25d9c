package dev.caracal.formats.random;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Hugging Face byte-level BPE {@code tokenizer.json} (Llama 3, Qwen2/2.5/3, GPT-2) as GGUF {@code tokenizer.*} keys,
 * the way llama.cpp's converter writes them: model {@code gpt2}, the pre-tokenizer's name, tokens by id (added tokens
 * included, gaps filled with {@code [PAD<id>]}), token types (1 normal, 3 control for special added tokens, 4 user
 * defined for the other added tokens, 5 unused for gaps), merges as {@code "a b"}, and from the
 * {@code tokenizer_config.json} beside it BOS, EOS, whether BOS is added and the chat template.
 */
final class TokenizerJsonVocabulary {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int NORMAL = 1;
    private static final int CONTROL = 3;
    private static final int USER_DEFINED = 4;
    private static final int UNUSED = 5;

    private TokenizerJsonVocabulary() {
    }

    static Map<String, GgufValue> ggufKeys(Path tokenizerJson, String preTokenizer) throws IOException {
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
        Path configFile = tokenizerJson.resolveSibling("tokenizer_config.json");
        JsonNode config = Files.isRegularFile(configFile) ? JSON.readTree(Files.readAllBytes(configFile)) : null;
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
        JsonNode template = config == null ? null : config.get("chat_template");
        if (template != null && template.isString()) {
            keys.put("tokenizer.chat_template", GgufValue.ofString(template.asString()));
        } else if (template != null && template.isArray()) {
            for (JsonNode named : template) { // a list of {name, template}: the default one is the chat template
                if ("default".equals(named.path("name").asString(""))) {
                    keys.put("tokenizer.chat_template", GgufValue.ofString(named.path("template").asString()));
                }
            }
        }
        return keys;
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
