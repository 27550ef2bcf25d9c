package dev.caracal.formats.tokenizer;

import dev.caracal.formats.ModelFormatException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything a {@link SentencePieceTokenizer} is built from, as one of the three readers (GGUF metadata, a
 * SentencePiece {@code tokenizer.model}, a Hugging Face {@code tokenizer.json}) found it; {@link #check()} verifies it.
 */
final class SentencePieceVocabulary {

    /** Tokens llama.cpp treats as ending generation, by text (llama-vocab.cpp), forcing them to control tokens. */
    static final Set<String> END_OF_GENERATION_NAMES = Set.of(
            "<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "</s>", "<|eom_id|>",
            "<EOT>", "_<EOT>", "<|end_of_text|>", "<end_of_utterance>", "<|fim_pad|>", "<|fim_repo|>",
            "<|file_sep|>", "<fim-pad>", "<fim_pad>", "<PAD>", "<|repo_name|>", "<fim-repo>", "<REPO>",
            "<reponame>");

    /** Fill-in-the-middle markers llama.cpp forces to control tokens by text (CodeLlama's {@code ▁<PRE>} too). */
    static final Set<String> FILL_IN_THE_MIDDLE_NAMES = Set.of(
            "<|fim_prefix|>", "<fim-prefix>", "<fim_prefix>", "<PRE>", "▁<PRE>",
            "<|fim_suffix|>", "<fim-suffix>", "<fim_suffix>", "<SUF>", "▁<SUF>",
            "<|fim_middle|>", "<fim-middle>", "<fim_middle>", "<MID>", "▁<MID>");

    final String fileName;
    String[] pieces;
    float[] scores;
    SentencePieceTokenType[] types;
    /** Piece to id for the merges and character look-ups (for tokenizer.json: the model's vocabulary only). */
    Map<String, Integer> pieceIds;

    int bos = -1;
    int eos = -1;
    int unknown = -1;
    int padding = -1;
    final Set<Integer> extraEndOfGeneration = new LinkedHashSet<>();
    boolean addBos = true;
    boolean addEos;

    /** Replace ' ' with ▁ before the merges. */
    boolean escapeSpaces = true;
    /** Put ▁ before text (llama.cpp {@code add_space_prefix}, SentencePiece {@code add_dummy_prefix}). */
    boolean addSpacePrefix = true;
    /** Only the text at the very start of the input gets the prefix (Metaspace {@code prepend_scheme: first}). */
    boolean prefixFirstSegmentOnly;
    /** No prefix when the text already starts with ▁ (Metaspace). */
    boolean prefixUnlessSpace;
    /** Merge each ▁-started word on its own (Metaspace {@code split: true}). */
    boolean splitWords;
    /** Drop leading and trailing spaces and collapse runs (SentencePiece {@code remove_extra_whitespaces}). */
    boolean collapseWhitespace;
    /** Decoding drops one leading space from the first token (llama.cpp, Hugging Face's Strip decoder). */
    boolean stripLeadingSpace = true;
    /** Decoding drops every ▁ of the first token (Hugging Face's Metaspace decoder). */
    boolean dropSpaceSymbolsOfFirstToken;
    /** Characters outside the vocabulary become {@code <0xXX>} tokens; otherwise the unknown token. */
    boolean byteFallback = true;
    /** Consecutive unknown characters become one unknown token (Hugging Face {@code fuse_unk}). */
    boolean fuseUnknown;
    /** A word that is itself in the vocabulary is not merged (Hugging Face {@code ignore_merges}). */
    boolean ignoreMerges;
    /** Added tokens that are not special decode like vocabulary pieces (▁ becomes a space), as Hugging Face does. */
    boolean unescapeAddedTokens;
    /** Ranked merges (Hugging Face BPE); null to merge by piece score (SentencePiece, llama.cpp). */
    SentencePieceMergeTable merges;
    /** Added-token attributes by id (Hugging Face {@code added_tokens}); tokens not here get llama.cpp's rules. */
    final Map<Integer, AddedToken> addedTokenAttributes = new HashMap<>();
    /** Special tokens strip whitespace to their right (llama.cpp's rule for Phi-3). */
    boolean phi3RightStrip;

    SentencePieceVocabulary(String fileName) {
        this.fileName = fileName;
    }

    ModelFormatException error(String problem) {
        return new ModelFormatException(fileName, ModelFormatException.NO_OFFSET, problem);
    }

    /** Builds {@link #pieceIds} from every piece, failing on a duplicate (llama.cpp refuses those too). */
    void indexAllPieces() {
        Map<String, Integer> ids = HashMap.newHashMap(pieces.length);
        for (int id = 0; id < pieces.length; id++) {
            Integer previous = ids.putIfAbsent(pieces[id], id);
            if (previous != null) {
                throw error("duplicate token in the vocabulary: '" + pieces[id] + "' has ids " + previous + " and "
                        + id);
            }
        }
        pieceIds = ids;
    }

    /**
     * llama.cpp's load-time rules for SentencePiece vocabularies: end-of-generation and fill-in-the-middle markers
     * become control tokens, and Phi-3 special tokens strip the whitespace after them.
     */
    void applyLlamaCppRules(String modelName) {
        for (int id = 0; id < pieces.length; id++) {
            String piece = pieces[id];
            if (END_OF_GENERATION_NAMES.contains(piece) || FILL_IN_THE_MIDDLE_NAMES.contains(piece)) {
                types[id] = SentencePieceTokenType.CONTROL;
            }
        }
        String name = modelName == null ? "" : modelName.toLowerCase(Locale.ROOT);
        phi3RightStrip = name.contains("phi-3") || name.contains("phi3");
    }

    /** Checks the special ids and the add-BOS/EOS settings against the vocabulary. */
    void check() {
        int size = pieces.length;
        if (size == 0) {
            throw error("the vocabulary is empty");
        }
        checkId("BOS", bos, size);
        checkId("EOS", eos, size);
        checkId("unknown", unknown, size);
        checkId("padding", padding, size);
        for (int id : extraEndOfGeneration) {
            checkId("end-of-generation", id, size);
        }
        if (addBos && bos < 0) {
            throw error("adding a BOS token is asked for, but the vocabulary names no BOS token");
        }
        if (addEos && eos < 0) {
            throw error("adding an EOS token is asked for, but the vocabulary names no EOS token");
        }
    }

    private void checkId(String what, int id, int size) {
        if (id >= size) {
            throw error(what + " token id " + id + " is outside the vocabulary of " + size + " tokens");
        }
    }

    /** The tokens cut out of the text before the merges, with their matching rules. */
    List<AddedToken> addedTokens() {
        List<AddedToken> tokens = new ArrayList<>();
        for (int id = 0; id < pieces.length; id++) {
            SentencePieceTokenType type = types[id];
            if (!type.isMatchedWhole()) {
                continue;
            }
            AddedToken declared = addedTokenAttributes.get(id);
            if (declared != null) {
                tokens.add(new AddedToken(id, pieces[id], type.isSpecial(), declared.leftStrip(),
                        declared.rightStrip(), declared.singleWord()));
                continue;
            }
            boolean rightStrip = phi3RightStrip && !pieces[id].equals("<unk>") && !pieces[id].equals("<s>")
                    && !pieces[id].equals("<|endoftext|>");
            tokens.add(new AddedToken(id, pieces[id], type.isSpecial(), false, rightStrip, false));
        }
        return tokens;
    }
}
