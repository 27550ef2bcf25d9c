package dev.caracal.formats.tokenizer;

import dev.caracal.formats.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a byte-level BPE vocabulary from a Hugging Face {@code tokenizer.json} (model BPE, a ByteLevel pre-tokenizer,
 * possibly after a Split with a known pattern), and {@code tokenizer_config.json} beside it where present.
 */
final class ByteLevelTokenizerJsonReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String fileName;

    private ByteLevelTokenizerJsonReader(String fileName) {
        this.fileName = fileName;
    }

    static ByteLevelVocabulary read(Path tokenizerJson) throws IOException {
        return new ByteLevelTokenizerJsonReader(tokenizerJson.toString()).readFile(tokenizerJson);
    }

    private ByteLevelVocabulary readFile(Path path) throws IOException {
        JsonNode root = readJson(path, fileName);
        JsonNode model = root.path("model");
        if (!model.isObject()) {
            throw fail("no \"model\" object");
        }
        String modelType = text(model.get("type"));
        if (modelType != null && !modelType.equals("BPE")) {
            throw fail("model type '" + modelType + "' is not BPE; the byte-level tokenizer reads BPE models");
        }
        if (modelType == null && !(model.has("vocab") && model.has("merges"))) {
            throw fail("the model has no type and is not a BPE model (vocab and merges)");
        }
        for (String affix : new String[] {"continuing_subword_prefix", "end_of_word_suffix"}) {
            String value = text(model.get(affix));
            if (value != null && !value.isEmpty()) {
                throw fail("model." + affix + " '" + value + "' is not supported by the byte-level tokenizer");
            }
        }
        JsonNode dropout = model.get("dropout");
        if (dropout != null && dropout.isNumber() && dropout.doubleValue() > 0) {
            throw fail("model.dropout " + dropout + " is a training setting; the byte-level tokenizer does not drop");
        }
        boolean ignoreMerges = model.path("ignore_merges").asBoolean(false);

        // vocabulary and added tokens
        JsonNode vocab = model.get("vocab");
        if (vocab == null || !vocab.isObject()) {
            throw fail("model.vocab is not an object");
        }
        Map<String, Integer> ids = new HashMap<>(vocab.size() * 2);
        int size = 0;
        for (Map.Entry<String, JsonNode> entry : vocab.properties()) {
            JsonNode id = entry.getValue();
            if (!id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 0) {
                throw fail("model.vocab entry '" + entry.getKey() + "' has id " + id + ", not a token id");
            }
            ids.put(entry.getKey(), id.intValue());
            size = Math.max(size, id.intValue() + 1);
        }
        JsonNode addedNodes = root.path("added_tokens");
        List<AddedToken> added = new ArrayList<>();
        if (addedNodes.isArray()) {
            for (JsonNode node : addedNodes.values()) {
                JsonNode id = node.get("id");
                String content = text(node.get("content"));
                if (id == null || !id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 0
                        || content == null || content.isEmpty()) {
                    throw fail("added token " + node + " needs a token id and non-empty content");
                }
                added.add(new AddedToken(id.intValue(), content, node.path("special").asBoolean(false),
                        node.path("lstrip").asBoolean(false), node.path("rstrip").asBoolean(false),
                        node.path("single_word").asBoolean(false)));
                size = Math.max(size, id.intValue() + 1);
            }
        }
        String[] pieces = new String[size];
        boolean[] mergeable = new boolean[size];
        for (Map.Entry<String, Integer> entry : ids.entrySet()) {
            int id = entry.getValue();
            if (pieces[id] != null) {
                throw fail("model.vocab gives id " + id + " to both '" + pieces[id] + "' and '" + entry.getKey() + "'");
            }
            pieces[id] = entry.getKey();
            mergeable[id] = true;
        }
        boolean[] special = new boolean[size];
        Map<String, Integer> addedIds = new HashMap<>();
        for (AddedToken token : added) {
            pieces[token.id()] = token.content(); // Hugging Face decodes an added id as its content
            special[token.id()] = token.special();
            addedIds.put(token.content(), token.id());
        }
        byte[][] decoded = new byte[size][];
        for (int id = 0; id < size; id++) {
            if (pieces[id] == null) {
                pieces[id] = "";
            }
            decoded[id] = ByteLevelAlphabet.decodeOrRaw(pieces[id]);
        }

        // merges: "a b" strings or [a, b] pairs
        JsonNode mergeNodes = model.get("merges");
        if (mergeNodes == null || !mergeNodes.isArray()) {
            throw fail("model.merges is not an array");
        }
        int count = mergeNodes.size();
        int[] left = new int[count];
        int[] right = new int[count];
        int[] result = new int[count];
        int rank = 0;
        for (JsonNode merge : mergeNodes.values()) {
            String[] mergePieces = TokenizerJsonMerges.pieces(merge);
            if (mergePieces == null) {
                throw fail("model.merges entry " + rank + " (" + merge + ") is not two tokens separated by one space"
                        + " nor a [\"a\", \"b\"] pair");
            }
            String first = mergePieces[0];
            String second = mergePieces[1];
            left[rank] = mergeToken(ids, first, rank, merge);
            right[rank] = mergeToken(ids, second, rank, merge);
            result[rank] = mergeToken(ids, first + second, rank, merge);
            rank++;
        }

        boolean nfc = readNormalizer(root.get("normalizer"));
        PreTokenizerChoice pre = readPreTokenizer(root.get("pre_tokenizer"));
        List<Integer> prefix = new ArrayList<>();
        List<Integer> suffix = new ArrayList<>();
        readPostProcessor(root.get("post_processor"), prefix, suffix);

        // tokenizer_config.json: BOS/EOS names and whether to add them
        int bos = prefix.isEmpty() ? -1 : prefix.getFirst();
        int eos = -1;
        Path configPath = path.resolveSibling("tokenizer_config.json");
        if (Files.isRegularFile(configPath)) {
            String configName = configPath.toString();
            JsonNode config = readJson(configPath, configName);
            Map<String, Integer> allIds = new HashMap<>(ids);
            allIds.putAll(addedIds);
            String bosText = specialTokenText(config.get("bos_token"));
            String eosText = specialTokenText(config.get("eos_token"));
            if (bosText != null) {
                bos = configToken(allIds, bosText, "bos_token", configName);
            }
            if (eosText != null) {
                eos = configToken(allIds, eosText, "eos_token", configName);
            }
            JsonNode addBos = config.get("add_bos_token");
            if (addBos != null && addBos.isBoolean() && bos >= 0) {
                int bosId = bos;
                prefix.removeIf(id -> id == bosId);
                if (addBos.booleanValue()) {
                    prefix.addFirst(bos);
                }
            }
            JsonNode addEos = config.get("add_eos_token");
            if (addEos != null && addEos.isBoolean() && eos >= 0) {
                int eosId = eos;
                suffix.removeIf(id -> id == eosId);
                if (addEos.booleanValue()) {
                    suffix.add(eos);
                }
            }
        }
        for (int id : prefix) {
            checkId(id, size, "post_processor");
        }
        for (int id : suffix) {
            checkId(id, size, "post_processor");
        }

        Set<Integer> endOfGeneration = new LinkedHashSet<>();
        if (eos >= 0) {
            endOfGeneration.add(eos);
        }
        for (AddedToken token : added) {
            if (ByteLevelVocabulary.END_OF_GENERATION_TEXTS.contains(token.content())) {
                endOfGeneration.add(token.id());
            }
        }
        return new ByteLevelVocabulary(fileName, pieces, decoded, special, mergeable, List.copyOf(added), left, right,
                result, pre.scanner, nfc, pre.addPrefixSpace, ignoreMerges,
                prefix.stream().mapToInt(Integer::intValue).toArray(),
                suffix.stream().mapToInt(Integer::intValue).toArray(), bos, eos, endOfGeneration);
    }

    private record PreTokenizerChoice(ByteLevelPreTokenizer scanner, boolean addPrefixSpace) {
    }

    /** True for NFC; nothing (null, an empty Sequence) is false; anything else is not supported. */
    private boolean readNormalizer(JsonNode normalizer) {
        if (normalizer == null || normalizer.isNull()) {
            return false;
        }
        String type = text(normalizer.get("type"));
        if ("NFC".equals(type)) {
            return true;
        }
        if ("Sequence".equals(type)) {
            boolean nfc = false;
            for (JsonNode inner : normalizer.path("normalizers").values()) {
                nfc |= readNormalizer(inner);
            }
            return nfc;
        }
        throw fail("normalizer '" + type + "' is not supported by the byte-level tokenizer (only NFC)");
    }

    /**
     * A ByteLevel pre-tokenizer with its own GPT-2 expression, or a Sequence of a Split (a known pattern, Isolated,
     * not inverted) and a ByteLevel without expression.
     */
    private PreTokenizerChoice readPreTokenizer(JsonNode pre) {
        if (pre == null || pre.isNull()) {
            throw fail("no pre_tokenizer; a byte-level BPE tokenizer needs a ByteLevel pre-tokenizer");
        }
        List<JsonNode> steps = new ArrayList<>();
        if ("Sequence".equals(text(pre.get("type")))) {
            pre.path("pretokenizers").values().forEach(steps::add);
        } else {
            steps.add(pre);
        }
        ByteLevelPreTokenizer scanner = null;
        Boolean addPrefixSpace = null;
        for (JsonNode step : steps) {
            String type = text(step.get("type"));
            if ("ByteLevel".equals(type)) {
                if (addPrefixSpace != null) {
                    throw fail("pre_tokenizer has two ByteLevel steps");
                }
                addPrefixSpace = step.path("add_prefix_space").asBoolean(false);
                if (step.path("use_regex").asBoolean(true)) {
                    if (scanner != null) {
                        throw fail("pre_tokenizer splits twice (a Split and a ByteLevel with use_regex)");
                    }
                    scanner = ByteLevelPreTokenizer.GPT2;
                }
            } else if ("Split".equals(type)) {
                if (scanner != null || addPrefixSpace != null) {
                    throw fail("pre_tokenizer has a Split after another split or after ByteLevel");
                }
                String pattern = text(step.path("pattern").get("Regex"));
                if (pattern == null) {
                    throw fail("pre_tokenizer Split pattern " + step.get("pattern") + " is not a Regex");
                }
                String behavior = text(step.get("behavior"));
                if (!"Isolated".equals(behavior) || step.path("invert").asBoolean(false)) {
                    throw fail("pre_tokenizer Split with behavior " + behavior + " and invert "
                            + step.path("invert").asBoolean(false) + " is not supported (only Isolated, not inverted)");
                }
                scanner = ByteLevelPreTokenizer.forHuggingFacePattern(pattern);
                if (scanner == null) {
                    throw fail("pre_tokenizer Split pattern '" + pattern + "' is not one the byte-level tokenizer"
                            + " knows (Llama 3, Qwen2, GPT-2)");
                }
            } else {
                throw fail("pre_tokenizer '" + type + "' is not supported by the byte-level BPE tokenizer"
                        + " (ByteLevel, optionally after a Split)");
            }
        }
        if (addPrefixSpace == null) {
            throw fail("pre_tokenizer has no ByteLevel step; this is not a byte-level BPE tokenizer");
        }
        if (scanner == null) {
            throw fail("pre_tokenizer never splits text into words (ByteLevel with use_regex false and no Split)");
        }
        return new PreTokenizerChoice(scanner, addPrefixSpace);
    }

    /** The tokens a post-processor puts around a single sequence. */
    private void readPostProcessor(JsonNode processor, List<Integer> prefix, List<Integer> suffix) {
        if (processor == null || processor.isNull()) {
            return;
        }
        String type = text(processor.get("type"));
        switch (type == null ? "" : type) {
            case "ByteLevel" -> {
                // offsets only
            }
            case "Sequence" -> {
                for (JsonNode inner : processor.path("processors").values()) {
                    readPostProcessor(inner, prefix, suffix);
                }
            }
            case "TemplateProcessing" -> {
                JsonNode specials = processor.path("special_tokens");
                boolean beforeSequence = true;
                for (JsonNode item : processor.path("single").values()) {
                    if (item.has("Sequence")) {
                        beforeSequence = false;
                    } else if (item.has("SpecialToken")) {
                        String name = text(item.path("SpecialToken").get("id"));
                        JsonNode tokenIds = specials.path(name == null ? "" : name).path("ids");
                        if (!tokenIds.isArray() || tokenIds.isEmpty()) {
                            throw fail("post_processor names special token '" + name + "' without ids");
                        }
                        for (JsonNode id : tokenIds.values()) {
                            (beforeSequence ? prefix : suffix).add(id.asInt());
                        }
                    } else {
                        throw fail("post_processor template item " + item + " is neither Sequence nor SpecialToken");
                    }
                }
            }
            case "RobertaProcessing", "BertProcessing" -> {
                prefix.add(processor.path("cls").path(1).asInt());
                suffix.add(processor.path("sep").path(1).asInt());
            }
            default -> throw fail("post_processor '" + type + "' is not supported by the byte-level tokenizer");
        }
    }

    private static String specialTokenText(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        return text(node.get("content"));
    }

    private int configToken(Map<String, Integer> ids, String text, String key, String configName) {
        Integer id = ids.get(text);
        if (id == null) {
            throw new ModelFormatException(configName, ModelFormatException.NO_OFFSET,
                    key + " '" + text + "' is not a token of " + fileName);
        }
        return id;
    }

    private void checkId(int id, int size, String where) {
        if (id < 0 || id >= size) {
            throw fail(where + " names token id " + id + ", outside the vocabulary of " + size);
        }
    }

    private int mergeToken(Map<String, Integer> ids, String token, int rank, JsonNode merge) {
        Integer id = ids.get(token);
        if (id == null) {
            throw fail("model.merges entry " + rank + " (" + merge + ") needs token '" + token
                    + "', which is not in model.vocab");
        }
        return id;
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }

    private static JsonNode readJson(Path path, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw new ModelFormatException(name, 0, "not a JSON object");
            }
            return root;
        } catch (JacksonException invalid) {
            long offset = invalid.getLocation() == null || invalid.getLocation().getByteOffset() < 0
                    ? ModelFormatException.NO_OFFSET
                    : invalid.getLocation().getByteOffset();
            throw new ModelFormatException(name, offset, "not valid JSON: " + invalid.getOriginalMessage());
        }
    }

    private ModelFormatException fail(String problem) {
        return new ModelFormatException(fileName, ModelFormatException.NO_OFFSET, problem);
    }
}
