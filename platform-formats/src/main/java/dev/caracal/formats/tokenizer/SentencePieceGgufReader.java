package dev.caracal.formats.tokenizer;

import dev.caracal.formats.gguf.GgufArray;
import dev.caracal.formats.gguf.GgufMetadata;
import dev.caracal.formats.gguf.GgufValueType;
import java.util.Optional;

/** Reads a SentencePiece vocabulary from GGUF metadata ({@code tokenizer.ggml.model = "llama"}), as llama.cpp does. */
final class SentencePieceGgufReader {

    static final String MODEL = "tokenizer.ggml.model";
    static final String TOKENS = "tokenizer.ggml.tokens";
    static final String SCORES = "tokenizer.ggml.scores";
    static final String TOKEN_TYPES = "tokenizer.ggml.token_type";

    private SentencePieceGgufReader() {
    }

    static SentencePieceVocabulary read(GgufMetadata metadata, String fileName) {
        SentencePieceVocabulary vocabulary = new SentencePieceVocabulary(fileName);
        String model = metadata.findString(MODEL).orElseThrow(() -> vocabulary.error(
                "GGUF metadata has no string " + MODEL + ", so it names no tokenizer"));
        if (!model.equals("llama")) {
            throw vocabulary.error("tokenizer model '" + model + "' is not a SentencePiece vocabulary ('llama')"
                    + (model.equals("gpt2") ? "; it is byte-level BPE" : ""));
        }
        GgufArray tokens = array(metadata, vocabulary, TOKENS, GgufValueType.STRING);
        String[] pieces = tokens.strings().clone();
        int count = pieces.length;
        for (int id = 0; id < count; id++) {
            if (pieces[id] == null || pieces[id].isEmpty()) {
                pieces[id] = "[EMPTY_" + id + "]"; // llama.cpp's name for an empty entry
            }
        }
        GgufArray scoreArray = metadata.findArray(SCORES).orElseThrow(() -> vocabulary.error(
                "GGUF metadata has no " + SCORES + "; SentencePiece merges need the piece scores"));
        float[] scores = new float[count];
        if (scoreArray.elementType() == GgufValueType.FLOAT32) {
            checkLength(vocabulary, SCORES, scoreArray.length(), count);
            System.arraycopy(scoreArray.floats(), 0, scores, 0, count);
        } else if (scoreArray.elementType() == GgufValueType.INT32) {
            checkLength(vocabulary, SCORES, scoreArray.length(), count);
            int[] integers = scoreArray.ints();
            for (int id = 0; id < count; id++) {
                scores[id] = integers[id];
            }
        } else {
            throw vocabulary.error(SCORES + " is an array of " + scoreArray.elementType() + ", not of FLOAT32");
        }
        SentencePieceTokenType[] types = new SentencePieceTokenType[count];
        Optional<GgufArray> typeArray = metadata.findArray(TOKEN_TYPES);
        if (typeArray.isPresent()) {
            GgufArray typeValues = typeArray.get();
            if (typeValues.elementType() != GgufValueType.INT32 && typeValues.elementType() != GgufValueType.UINT32) {
                throw vocabulary.error(TOKEN_TYPES + " is an array of " + typeValues.elementType() + ", not of INT32");
            }
            checkLength(vocabulary, TOKEN_TYPES, typeValues.length(), count);
            int[] codes = typeValues.ints();
            for (int id = 0; id < count; id++) {
                types[id] = SentencePieceTokenType.ofCode(codes[id]);
            }
        } else {
            java.util.Arrays.fill(types, SentencePieceTokenType.NORMAL);
        }
        vocabulary.pieces = pieces;
        vocabulary.scores = scores;
        vocabulary.types = types;
        vocabulary.indexAllPieces();

        // llama.cpp's defaults for a "llama" vocabulary, then the file's own values.
        vocabulary.bos = id(metadata, vocabulary, "tokenizer.ggml.bos_token_id", 1);
        vocabulary.eos = id(metadata, vocabulary, "tokenizer.ggml.eos_token_id", 2);
        vocabulary.unknown = id(metadata, vocabulary, "tokenizer.ggml.unknown_token_id", 0);
        vocabulary.padding = id(metadata, vocabulary, "tokenizer.ggml.padding_token_id", -1);
        for (String key : new String[] {"tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id"}) {
            int id = id(metadata, vocabulary, key, -1);
            if (id >= 0) {
                vocabulary.extraEndOfGeneration.add(id);
            }
        }
        vocabulary.addBos = flag(metadata, vocabulary, "tokenizer.ggml.add_bos_token", true);
        vocabulary.addEos = flag(metadata, vocabulary, "tokenizer.ggml.add_eos_token", false);
        vocabulary.addSpacePrefix = flag(metadata, vocabulary, "tokenizer.ggml.add_space_prefix", true);
        vocabulary.stripLeadingSpace = vocabulary.addSpacePrefix;
        vocabulary.applyLlamaCppRules(metadata.findString("general.name").orElse(""));
        return vocabulary;
    }

    private static GgufArray array(GgufMetadata metadata, SentencePieceVocabulary vocabulary, String key,
            GgufValueType elementType) {
        if (!metadata.contains(key)) {
            throw vocabulary.error("GGUF metadata has no " + key);
        }
        GgufArray array = metadata.findArray(key).orElseThrow(() -> vocabulary.error(
                key + " is a " + metadata.get(key).orElseThrow().type() + ", not an array"));
        if (array.elementType() != elementType) {
            throw vocabulary.error(key + " is an array of " + array.elementType() + ", not of " + elementType);
        }
        return array;
    }

    private static void checkLength(SentencePieceVocabulary vocabulary, String key, int length, int count) {
        if (length != count) {
            throw vocabulary.error(key + " has " + length + " entries but " + TOKENS + " has " + count);
        }
    }

    private static int id(GgufMetadata metadata, SentencePieceVocabulary vocabulary, String key, int fallback) {
        if (!metadata.contains(key)) {
            return fallback;
        }
        long value = metadata.findLong(key).orElseThrow(() -> vocabulary.error(
                key + " is a " + metadata.get(key).orElseThrow().type() + ", not an integer"));
        if (value == -1 || value == 0xffffffffL) {
            return -1; // written as "none"
        }
        if (value < 0 || value >= vocabulary.pieces.length) {
            throw vocabulary.error(key + " = " + value + " is outside the vocabulary of " + vocabulary.pieces.length
                    + " tokens");
        }
        return (int) value;
    }

    private static boolean flag(GgufMetadata metadata, SentencePieceVocabulary vocabulary, String key,
            boolean fallback) {
        if (!metadata.contains(key)) {
            return fallback;
        }
        return metadata.findBoolean(key).orElseThrow(() -> vocabulary.error(
                key + " is a " + metadata.get(key).orElseThrow().type() + ", not a boolean"));
    }
}
