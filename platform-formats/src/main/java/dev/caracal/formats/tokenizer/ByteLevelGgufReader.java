package dev.caracal.formats.tokenizer;

import dev.caracal.formats.ModelFormatException;
import dev.caracal.formats.gguf.GgufArray;
import dev.caracal.formats.gguf.GgufMetadata;
import dev.caracal.formats.gguf.GgufValueType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads a byte-level BPE vocabulary from GGUF metadata ({@code tokenizer.ggml.model = "gpt2"}), as llama.cpp does. */
final class ByteLevelGgufReader {

    static final String MODEL = "tokenizer.ggml.model";
    static final String PRE = "tokenizer.ggml.pre";
    static final String TOKENS = "tokenizer.ggml.tokens";
    static final String TOKEN_TYPE = "tokenizer.ggml.token_type";
    static final String MERGES = "tokenizer.ggml.merges";
    static final String BOS = "tokenizer.ggml.bos_token_id";
    static final String EOS = "tokenizer.ggml.eos_token_id";
    static final String EOT = "tokenizer.ggml.eot_token_id";
    static final String EOM = "tokenizer.ggml.eom_token_id";
    static final String ADD_BOS = "tokenizer.ggml.add_bos_token";
    static final String ADD_EOS = "tokenizer.ggml.add_eos_token";

    // llama.cpp's token types (llama_token_type)
    static final int UNDEFINED = 0;
    static final int NORMAL = 1;
    static final int UNKNOWN = 2;
    static final int CONTROL = 3;
    static final int USER_DEFINED = 4;
    static final int UNUSED = 5;
    static final int BYTE = 6;

    /** A tokenizer.ggml.pre value: the scanner, and llama.cpp's settings for it. */
    private record PreType(ByteLevelPreTokenizer scanner, boolean ignoreMerges, boolean addBos, boolean nfc) {
    }

    /** The pre-tokenizer names this reader knows, as llama.cpp names them. */
    static final Map<String, PreType> PRE_TYPES = preTypes();

    private static Map<String, PreType> preTypes() {
        Map<String, PreType> types = new java.util.LinkedHashMap<>();
        PreType llama3 = new PreType(ByteLevelPreTokenizer.LLAMA3, true, true, false);
        types.put("llama-bpe", llama3);
        types.put("llama3", llama3);
        types.put("llama-v3", llama3);
        // Qwen's own tokenizer normalizes to NFC (llama.cpp does not; we follow the model's tokenizer)
        PreType qwen2 = new PreType(ByteLevelPreTokenizer.QWEN2, false, false, true);
        types.put("qwen2", qwen2);
        types.put("deepseek-r1-qwen", qwen2);
        types.put("gpt-2", new PreType(ByteLevelPreTokenizer.GPT2, false, false, false));
        types.put("default", new PreType(ByteLevelPreTokenizer.LLAMA_CPP_DEFAULT, false, false, false));
        return java.util.Collections.unmodifiableMap(types);
    }

    private final GgufMetadata metadata;
    private final String fileName;

    private ByteLevelGgufReader(GgufMetadata metadata, String fileName) {
        this.metadata = metadata;
        this.fileName = fileName;
    }

    static ByteLevelVocabulary read(GgufMetadata metadata, String fileName) {
        return new ByteLevelGgufReader(metadata, fileName).read();
    }

    private ByteLevelVocabulary read() {
        String model = metadata.findString(MODEL).orElseThrow(() -> fail("no " + MODEL + " string"));
        if (!model.equals("gpt2")) {
            throw fail(MODEL + " is '" + model + "'; the byte-level BPE tokenizer reads 'gpt2' vocabularies");
        }
        String preName = metadata.findString(PRE).orElse("default");
        PreType pre = PRE_TYPES.get(preName);
        if (pre == null) {
            throw fail("unknown pre-tokenizer " + PRE + " = '" + preName + "'; known: "
                    + String.join(", ", PRE_TYPES.keySet()));
        }

        String[] pieces = stringArray(TOKENS);
        int size = pieces.length;
        if (size == 0) {
            throw fail(TOKENS + " is empty");
        }
        int[] types = new int[size];
        java.util.Arrays.fill(types, NORMAL);
        Optional<GgufArray> typeArray = metadata.findArray(TOKEN_TYPE);
        if (metadata.contains(TOKEN_TYPE) && typeArray.isEmpty()) {
            throw fail(TOKEN_TYPE + " is not an array");
        }
        if (typeArray.isPresent()) {
            GgufArray array = typeArray.get();
            if (array.elementType() != GgufValueType.INT32 && array.elementType() != GgufValueType.UINT32) {
                throw fail(TOKEN_TYPE + " holds " + array.elementType() + ", not INT32");
            }
            if (array.length() != size) {
                throw fail(TOKEN_TYPE + " has " + array.length() + " entries but " + TOKENS + " has " + size);
            }
            types = array.ints().clone();
        }

        Map<String, Integer> ids = new HashMap<>(size * 2);
        byte[][] decoded = new byte[size][];
        boolean[] special = new boolean[size];
        boolean[] mergeable = new boolean[size];
        List<AddedToken> added = new ArrayList<>();
        for (int id = 0; id < size; id++) {
            String piece = pieces[id];
            if (piece == null) {
                throw fail(TOKENS + " entry " + id + " is missing");
            }
            Integer earlier = ids.putIfAbsent(piece, id);
            if (earlier != null) {
                throw fail(TOKENS + " entry " + id + " ('" + piece + "') repeats entry " + earlier);
            }
            int type = types[id];
            switch (type) {
                case NORMAL, BYTE -> {
                    decoded[id] = ByteLevelAlphabet.decodeOrRaw(piece);
                    mergeable[id] = true;
                }
                case CONTROL, UNKNOWN, USER_DEFINED -> {
                    decoded[id] = piece.getBytes(StandardCharsets.UTF_8);
                    special[id] = type != USER_DEFINED;
                    if (!piece.isEmpty()) {
                        added.add(AddedToken.of(id, piece, special[id]));
                    }
                }
                default -> decoded[id] = new byte[0]; // UNUSED, UNDEFINED and unknown types decode to nothing
            }
        }

        String[] merges = stringArray(MERGES);
        int[] left = new int[merges.length];
        int[] right = new int[merges.length];
        int[] result = new int[merges.length];
        for (int rank = 0; rank < merges.length; rank++) {
            String merge = merges[rank];
            int space = merge == null ? -1 : merge.indexOf(' ', 1);
            if (space < 0) {
                throw fail(MERGES + " entry " + rank + " ('" + merge + "') is not two tokens separated by a space");
            }
            String first = merge.substring(0, space);
            String second = merge.substring(space + 1);
            left[rank] = mergeToken(ids, first, rank, merge);
            right[rank] = mergeToken(ids, second, rank, merge);
            result[rank] = mergeToken(ids, first + second, rank, merge);
        }

        int bos = tokenId(BOS, size);
        int eos = tokenId(EOS, size);
        int eot = tokenId(EOT, size);
        int eom = tokenId(EOM, size);
        Optional<Boolean> addBosKey = metadata.findBoolean(ADD_BOS);
        boolean addBos = addBosKey.orElse(pre.addBos());
        boolean addEos = metadata.findBoolean(ADD_EOS).orElse(false);
        if (addBosKey.orElse(false) && bos < 0) {
            throw fail(ADD_BOS + " is true but there is no " + BOS);
        }
        if (addEos && eos < 0) {
            throw fail(ADD_EOS + " is true but there is no " + EOS);
        }
        int[] prefix = addBos && bos >= 0 ? new int[] {bos} : new int[0];
        int[] suffix = addEos ? new int[] {eos} : new int[0];

        Set<Integer> endOfGeneration = new LinkedHashSet<>();
        for (int id : new int[] {eos, eot, eom}) {
            if (id >= 0) {
                endOfGeneration.add(id);
            }
        }
        for (int id = 0; id < size; id++) {
            if (ByteLevelVocabulary.END_OF_GENERATION_TEXTS.contains(pieces[id])) {
                endOfGeneration.add(id);
            }
        }
        return new ByteLevelVocabulary(fileName, pieces.clone(), decoded, special, mergeable, added, left, right,
                result, pre.scanner(), pre.nfc(), false, pre.ignoreMerges(), prefix, suffix, bos, eos,
                endOfGeneration);
    }

    private String[] stringArray(String key) {
        if (!metadata.contains(key)) {
            throw fail("no " + key);
        }
        GgufArray array = metadata.findArray(key).orElseThrow(() -> fail(key + " is not an array"));
        if (array.elementType() != GgufValueType.STRING) {
            throw fail(key + " holds " + array.elementType() + ", not STRING");
        }
        return array.strings();
    }

    private int mergeToken(Map<String, Integer> ids, String token, int rank, String merge) {
        Integer id = ids.get(token);
        if (id == null) {
            throw fail(MERGES + " entry " + rank + " ('" + merge + "') needs token '" + token
                    + "', which is not in " + TOKENS);
        }
        return id;
    }

    private int tokenId(String key, int size) {
        if (!metadata.contains(key)) {
            return -1;
        }
        long id = metadata.findLong(key).orElseThrow(() -> fail(key + " is not an integer"));
        if (id < 0 || id >= size) {
            throw fail(key + " = " + id + " is outside the vocabulary of " + size + " tokens");
        }
        return (int) id;
    }

    private ModelFormatException fail(String problem) {
        return new ModelFormatException(fileName, ModelFormatException.NO_OFFSET, problem);
    }
}
