package dev.caracal.formats.tokenizer;

import dev.caracal.formats.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a Hugging Face {@code tokenizer.json} whose model is BPE with byte fallback (Llama 2, Mistral), and the
 * {@code tokenizer_config.json} beside it when there is one.
 *
 * <p>Supported pieces: the normalizer {@code Prepend("▁")} and {@code Replace(" ", "▁")}, or a {@code Metaspace}
 * pre-tokenizer; the decoders {@code Replace}, {@code ByteFallback}, {@code Fuse}, {@code Strip} and
 * {@code Metaspace}; a {@code TemplateProcessing} post-processor. Anything else fails, naming what, rather than
 * tokenizing differently from Hugging Face.
 */
final class SentencePieceTokenizerJsonReader {

    /** Largest JSON file read, in bytes. */
    static final long MAX_BYTES = 512L * 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SPACE = String.valueOf(SentencePieceTokenizer.SPACE_SYMBOL);

    private final SentencePieceVocabulary vocabulary;
    /** Piece or added-token text to id, for names in the post-processor and tokenizer_config.json. */
    private final Map<String, Integer> namedIds = new HashMap<>();
    private String postProcessorBos;
    private String postProcessorEos;

    private SentencePieceTokenizerJsonReader(String fileName) {
        vocabulary = new SentencePieceVocabulary(fileName);
    }

    static SentencePieceVocabulary read(Path tokenizerJson) throws IOException {
        SentencePieceTokenizerJsonReader reader = new SentencePieceTokenizerJsonReader(tokenizerJson.toString());
        JsonNode root = reader.readJson(tokenizerJson);
        reader.readModel(root);
        Path config = tokenizerJson.resolveSibling("tokenizer_config.json");
        reader.readConfiguration(Files.isRegularFile(config) ? reader.readJson(config) : null, config);
        return reader.vocabulary;
    }

    /** Reads a tokenizer.json already parsed (tests build broken ones), without a tokenizer_config.json. */
    static SentencePieceVocabulary read(String fileName, String json) {
        SentencePieceTokenizerJsonReader reader = new SentencePieceTokenizerJsonReader(fileName);
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException invalid) {
            throw reader.vocabulary.error("not valid JSON: " + invalid.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw reader.vocabulary.error("not a JSON object");
        }
        reader.readModel(root);
        reader.readConfiguration(null, null);
        return reader.vocabulary;
    }

    private JsonNode readJson(Path path) throws IOException {
        long size = Files.size(path);
        if (size > MAX_BYTES) {
            throw new ModelFormatException(path.toString(), ModelFormatException.NO_OFFSET,
                    size + " bytes is more than the " + MAX_BYTES + " a tokenizer JSON file may have");
        }
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(path));
            if (root == null || !root.isObject()) {
                throw new ModelFormatException(path.toString(), 0, "not a JSON object");
            }
            return root;
        } catch (JacksonException invalid) {
            long offset = invalid.getLocation() == null ? ModelFormatException.NO_OFFSET
                    : Math.max(ModelFormatException.NO_OFFSET, invalid.getLocation().getByteOffset());
            throw new ModelFormatException(path.toString(), offset, "not valid JSON: " + invalid.getOriginalMessage(),
                    invalid);
        }
    }

    private ModelFormatException error(String problem) {
        return vocabulary.error(problem);
    }

    private void readModel(JsonNode root) {
        JsonNode model = root.path("model");
        if (!model.isObject()) {
            throw error("has no \"model\" object");
        }
        String type = text(model.path("type"), model.has("merges") ? "BPE" : "");
        if (!type.equals("BPE")) {
            throw error("model type '" + type + "' is not BPE; a SentencePiece-style tokenizer needs BPE merges");
        }
        for (String unsupported : new String[] {"continuing_subword_prefix", "end_of_word_suffix"}) {
            if (!text(model.path(unsupported), "").isEmpty()) {
                throw error("model." + unsupported + " is not supported by the SentencePiece-style tokenizer");
            }
        }
        readPieces(model, root.path("added_tokens"));
        readMerges(model.path("merges"));
        vocabulary.byteFallback = flag(model.path("byte_fallback"), "model.byte_fallback", false);
        vocabulary.fuseUnknown = flag(model.path("fuse_unk"), "model.fuse_unk", false);
        vocabulary.ignoreMerges = flag(model.path("ignore_merges"), "model.ignore_merges", false);
        String unknownName = text(model.path("unk_token"), "");
        if (!unknownName.isEmpty()) {
            vocabulary.unknown = idOfName(unknownName, "model.unk_token");
            if (vocabulary.types[vocabulary.unknown] == SentencePieceTokenType.CONTROL) {
                vocabulary.types[vocabulary.unknown] = SentencePieceTokenType.UNKNOWN;
            }
        }
        vocabulary.escapeSpaces = false;
        vocabulary.addSpacePrefix = false;
        readNormalizer(root.path("normalizer"));
        readPreTokenizer(root.path("pre_tokenizer"));
        vocabulary.stripLeadingSpace = false;
        vocabulary.dropSpaceSymbolsOfFirstToken = false;
        readDecoder(root.path("decoder"));
        vocabulary.addBos = false;
        vocabulary.addEos = false;
        readPostProcessor(root.path("post_processor"));
        vocabulary.unescapeAddedTokens = true;
    }

    private void readPieces(JsonNode model, JsonNode addedTokens) {
        JsonNode vocab = model.path("vocab");
        if (!vocab.isObject()) {
            throw error("model.vocab is missing or not an object of piece to id");
        }
        Map<String, Integer> pieceIds = HashMap.newHashMap(vocab.size());
        int size = 0;
        for (Map.Entry<String, JsonNode> entry : vocab.properties()) {
            int id = nonNegativeInt(entry.getValue(), "model.vocab[\"" + entry.getKey() + "\"]");
            pieceIds.put(entry.getKey(), id);
            size = Math.max(size, id + 1);
        }
        if (!addedTokens.isMissingNode() && !addedTokens.isNull() && !addedTokens.isArray()) {
            throw error("added_tokens is not an array");
        }
        for (JsonNode added : addedTokens) {
            size = Math.max(size, nonNegativeInt(added.path("id"), "an added token's id") + 1);
        }
        String[] pieces = new String[size];
        SentencePieceTokenType[] types = new SentencePieceTokenType[size];
        for (Map.Entry<String, Integer> entry : pieceIds.entrySet()) {
            int id = entry.getValue();
            if (pieces[id] != null) {
                throw error("model.vocab gives id " + id + " to both '" + pieces[id] + "' and '" + entry.getKey()
                        + "'");
            }
            if (entry.getKey().isEmpty()) {
                throw error("model.vocab has an empty piece (id " + id + ")");
            }
            pieces[id] = entry.getKey();
            types[id] = SentencePieceTokenizer.byteValue(entry.getKey()) >= 0
                    ? SentencePieceTokenType.BYTE : SentencePieceTokenType.NORMAL;
            namedIds.put(entry.getKey(), id);
        }
        for (JsonNode added : addedTokens) {
            int id = added.path("id").intValue();
            String content = text(added.path("content"), "");
            if (content.isEmpty()) {
                throw error("added token " + id + " has no content");
            }
            boolean special = flag(added.path("special"), "added token " + id + " special", false);
            pieces[id] = content;
            types[id] = special ? SentencePieceTokenType.CONTROL : SentencePieceTokenType.USER_DEFINED;
            namedIds.put(content, id);
            vocabulary.addedTokenAttributes.put(id, new AddedToken(id, content, special,
                    flag(added.path("lstrip"), "added token " + id + " lstrip", false),
                    flag(added.path("rstrip"), "added token " + id + " rstrip", false),
                    flag(added.path("single_word"), "added token " + id + " single_word", false)));
        }
        for (int id = 0; id < size; id++) {
            if (pieces[id] == null) {
                throw error("no piece or added token has id " + id + " (ids go up to " + (size - 1) + ")");
            }
        }
        vocabulary.pieces = pieces;
        vocabulary.types = types;
        vocabulary.scores = new float[size];
        vocabulary.pieceIds = pieceIds;
    }

    private void readMerges(JsonNode merges) {
        if (!merges.isArray()) {
            throw error("model.merges is missing or not an array");
        }
        int count = merges.size();
        int[] left = new int[count];
        int[] right = new int[count];
        int[] merged = new int[count];
        for (int rank = 0; rank < count; rank++) {
            JsonNode merge = merges.get(rank);
            String[] mergePieces = TokenizerJsonMerges.pieces(merge);
            if (mergePieces == null) {
                throw error("merge " + rank + " " + merge + " is not two pieces separated by one space nor a [\"a\", \"b\"]"
                        + " pair");
            }
            String first = mergePieces[0];
            String second = mergePieces[1];
            left[rank] = mergePiece(first, rank, first, second);
            right[rank] = mergePiece(second, rank, first, second);
            merged[rank] = mergePiece(first + second, rank, first, second);
        }
        vocabulary.merges = new SentencePieceMergeTable(left, right, merged);
    }

    private int mergePiece(String piece, int rank, String first, String second) {
        Integer id = vocabulary.pieceIds.get(piece);
        if (id == null) {
            throw error("merge " + rank + " ('" + first + "', '" + second + "') refers to '" + piece
                    + "', which is not in model.vocab");
        }
        return id;
    }

    private void readNormalizer(JsonNode normalizer) {
        if (normalizer.isMissingNode() || normalizer.isNull()) {
            return;
        }
        String type = text(normalizer.path("type"), "");
        switch (type) {
            case "Sequence" -> {
                for (JsonNode inner : normalizer.path("normalizers")) {
                    readNormalizer(inner);
                }
            }
            case "Prepend" -> {
                if (!text(normalizer.path("prepend"), "").equals(SPACE)) {
                    throw error("normalizer Prepend(" + normalizer.path("prepend") + ") is not supported (only ▁)");
                }
                vocabulary.addSpacePrefix = true;
            }
            case "Replace" -> {
                if (!text(normalizer.path("pattern").path("String"), "").equals(" ")
                        || !text(normalizer.path("content"), "").equals(SPACE)) {
                    throw error("normalizer Replace(" + normalizer.path("pattern") + ", " + normalizer.path("content")
                            + ") is not supported (only \" \" to ▁)");
                }
                vocabulary.escapeSpaces = true;
            }
            default -> throw error("normalizer '" + type + "' is not supported by the SentencePiece-style tokenizer");
        }
    }

    private void readPreTokenizer(JsonNode preTokenizer) {
        if (preTokenizer.isMissingNode() || preTokenizer.isNull()) {
            return;
        }
        String type = text(preTokenizer.path("type"), "");
        switch (type) {
            case "Sequence" -> {
                for (JsonNode inner : preTokenizer.path("pretokenizers")) {
                    readPreTokenizer(inner);
                }
            }
            case "Metaspace" -> {
                checkMetaspaceReplacement(preTokenizer);
                vocabulary.escapeSpaces = true;
                String scheme = metaspaceScheme(preTokenizer);
                vocabulary.addSpacePrefix = !scheme.equals("never");
                vocabulary.prefixFirstSegmentOnly = scheme.equals("first");
                vocabulary.prefixUnlessSpace = true;
                vocabulary.splitWords = flag(preTokenizer.path("split"), "pre_tokenizer.split", true);
            }
            default -> throw error("pre-tokenizer '" + type + "' is not supported by the SentencePiece-style"
                    + " tokenizer" + (type.equals("ByteLevel") ? "; this is a byte-level BPE tokenizer" : ""));
        }
    }

    private void readDecoder(JsonNode decoder) {
        if (decoder.isMissingNode() || decoder.isNull()) {
            return;
        }
        String type = text(decoder.path("type"), "");
        switch (type) {
            case "Sequence" -> {
                for (JsonNode inner : decoder.path("decoders")) {
                    readDecoder(inner);
                }
            }
            case "Replace" -> {
                if (!text(decoder.path("pattern").path("String"), "").equals(SPACE)
                        || !text(decoder.path("content"), "").equals(" ")) {
                    throw error("decoder Replace(" + decoder.path("pattern") + ", " + decoder.path("content")
                            + ") is not supported (only ▁ to \" \")");
                }
            }
            case "ByteFallback", "Fuse" -> {
                // Byte tokens decode to their byte and everything is joined: what tokenBytes does anyway.
            }
            case "Strip" -> {
                if (!text(decoder.path("content"), "").equals(" ") || decoder.path("stop").asInt(0) != 0
                        || decoder.path("start").asInt(0) > 1) {
                    throw error("decoder Strip(" + decoder + ") is not supported (only one leading space)");
                }
                vocabulary.stripLeadingSpace = decoder.path("start").asInt(0) == 1;
            }
            case "Metaspace" -> {
                checkMetaspaceReplacement(decoder);
                // Hugging Face drops every ▁ of the first token, not only a leading one.
                vocabulary.dropSpaceSymbolsOfFirstToken = !metaspaceScheme(decoder).equals("never");
            }
            default -> throw error("decoder '" + type + "' is not supported by the SentencePiece-style tokenizer");
        }
    }

    private void checkMetaspaceReplacement(JsonNode metaspace) {
        String replacement = text(metaspace.path("replacement"), SPACE);
        if (!replacement.equals(SPACE)) {
            throw error("Metaspace replacement '" + replacement + "' is not supported (only ▁)");
        }
    }

    /** always, first or never; older files say {@code add_prefix_space} instead. */
    private String metaspaceScheme(JsonNode metaspace) {
        JsonNode scheme = metaspace.path("prepend_scheme");
        if (scheme.isString()) {
            String value = scheme.stringValue();
            if (!value.equals("always") && !value.equals("first") && !value.equals("never")) {
                throw error("Metaspace prepend_scheme '" + value + "' is not always, first or never");
            }
            return value;
        }
        return flag(metaspace.path("add_prefix_space"), "Metaspace add_prefix_space", true) ? "always" : "never";
    }

    private void readPostProcessor(JsonNode processor) {
        if (processor.isMissingNode() || processor.isNull()) {
            return;
        }
        String type = text(processor.path("type"), "");
        if (type.equals("Sequence")) {
            for (JsonNode inner : processor.path("processors")) {
                readPostProcessor(inner);
            }
            return;
        }
        if (!type.equals("TemplateProcessing")) {
            return; // no BOS/EOS from it; tokenizer_config.json may still ask for them
        }
        boolean sequenceSeen = false;
        for (JsonNode item : processor.path("single")) {
            if (item.has("Sequence")) {
                sequenceSeen = true;
            } else if (item.has("SpecialToken")) {
                String name = text(item.path("SpecialToken").path("id"), "");
                JsonNode ids = processor.path("special_tokens").path(name).path("ids");
                if (ids.isArray() && ids.size() == 1 && ids.get(0).canConvertToInt()) {
                    namedIds.putIfAbsent(name, ids.get(0).intValue());
                }
                if (!sequenceSeen && postProcessorBos == null) {
                    postProcessorBos = name;
                } else if (sequenceSeen && postProcessorEos == null) {
                    postProcessorEos = name;
                }
            }
        }
        vocabulary.addBos = postProcessorBos != null;
        vocabulary.addEos = postProcessorEos != null;
    }

    /** tokenizer_config.json: add_bos_token, add_eos_token and the BOS, EOS and padding token names. */
    private void readConfiguration(JsonNode config, Path configPath) {
        String bosName = postProcessorBos;
        String eosName = postProcessorEos;
        String paddingName = null;
        if (config != null) {
            String file = configPath.toString();
            if (config.has("add_bos_token") && !config.path("add_bos_token").isNull()) {
                vocabulary.addBos = configFlag(config.path("add_bos_token"), "add_bos_token", file);
            }
            if (config.has("add_eos_token") && !config.path("add_eos_token").isNull()) {
                vocabulary.addEos = configFlag(config.path("add_eos_token"), "add_eos_token", file);
            }
            bosName = tokenName(config.path("bos_token"), bosName);
            eosName = tokenName(config.path("eos_token"), eosName);
            paddingName = tokenName(config.path("pad_token"), null);
        }
        String where = config == null ? vocabulary.fileName : configPath.toString();
        vocabulary.bos = bosName != null ? idOfName(bosName, "the BOS token", where) : idOrNone("<s>");
        vocabulary.eos = eosName != null ? idOfName(eosName, "the EOS token", where) : idOrNone("</s>");
        vocabulary.padding = paddingName != null ? idOrNone(paddingName) : -1; // configs name absent pads
        if (vocabulary.addBos && vocabulary.bos < 0 || vocabulary.addEos && vocabulary.eos < 0) {
            throw new ModelFormatException(where, ModelFormatException.NO_OFFSET, "adding a "
                    + (vocabulary.addBos && vocabulary.bos < 0 ? "BOS" : "EOS")
                    + " token is asked for, but no such token is named or in the vocabulary");
        }
    }

    private static boolean configFlag(JsonNode node, String key, String file) {
        if (!node.isBoolean()) {
            throw new ModelFormatException(file, ModelFormatException.NO_OFFSET,
                    key + " is not true or false: " + abbreviated(node));
        }
        return node.booleanValue();
    }

    /** A token named as a string or as an object with "content"; {@code fallback} when absent or null. */
    private static String tokenName(JsonNode node, String fallback) {
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isObject() && node.path("content").isString()) {
            return node.path("content").stringValue();
        }
        return fallback;
    }

    private int idOfName(String name, String what) {
        return idOfName(name, what, vocabulary.fileName);
    }

    private int idOfName(String name, String what, String namedIn) {
        Integer id = namedIds.get(name);
        if (id == null || id < 0 || id >= vocabulary.pieces.length) {
            throw new ModelFormatException(namedIn, ModelFormatException.NO_OFFSET,
                    what + " '" + name + "' is not in the vocabulary of " + vocabulary.fileName);
        }
        return id;
    }

    private int idOrNone(String name) {
        Integer id = namedIds.get(name);
        return id == null ? -1 : id;
    }

    private String text(JsonNode node, String fallback) {
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isString()) {
            throw error("expected a string, found " + abbreviated(node));
        }
        return node.stringValue();
    }

    private boolean flag(JsonNode node, String what, boolean fallback) {
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw error(what + " is not true or false: " + abbreviated(node));
        }
        return node.booleanValue();
    }

    private int nonNegativeInt(JsonNode node, String what) {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            throw error(what + " is not a token id: " + abbreviated(node));
        }
        return node.intValue();
    }

    private static String abbreviated(JsonNode node) {
        String text = String.valueOf(node);
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
