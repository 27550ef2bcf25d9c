package dev.caracal.formats.tokenizer;

import java.util.List;
import java.util.Set;

/**
 * Everything a byte-level BPE tokenizer is built from, as read from a GGUF file or a tokenizer.json.
 *
 * @param source              the file it came from, for messages
 * @param pieces              each token's vocabulary entry ({@code Ġthe}, {@code <|eot_id|>}); "" for unused ids
 * @param decodedBytes        the bytes each token contributes to decoded text
 * @param special             control tokens, rendered only when asked
 * @param mergeable           ordinary vocabulary tokens, the ones BPE can produce
 * @param addedTokens         tokens matched whole before pre-tokenization
 * @param mergeLeft           left token of each merge rule, in rank order
 * @param mergeRight          right token of each merge rule
 * @param mergeResult         the token each rule makes
 * @param preTokenizer        how text is cut into words
 * @param normalizeNfc        apply Unicode NFC to text before pre-tokenization (Qwen)
 * @param addPrefixSpace      put a space before text that does not start with one (GPT-2's add_prefix_space)
 * @param ignoreMerges        a word that is itself a vocabulary token becomes that token without merging (Llama 3)
 * @param prefixTokens        tokens put before the text when special tokens are added (BOS)
 * @param suffixTokens        tokens put after it (EOS, for models that ask for it)
 * @param bos                 the beginning-of-sequence token, or -1
 * @param eos                 the end-of-sequence token, or -1
 * @param endOfGeneration     tokens that end generation
 */
record ByteLevelVocabulary(
        String source,
        String[] pieces,
        byte[][] decodedBytes,
        boolean[] special,
        boolean[] mergeable,
        List<AddedToken> addedTokens,
        int[] mergeLeft,
        int[] mergeRight,
        int[] mergeResult,
        ByteLevelPreTokenizer preTokenizer,
        boolean normalizeNfc,
        boolean addPrefixSpace,
        boolean ignoreMerges,
        int[] prefixTokens,
        int[] suffixTokens,
        int bos,
        int eos,
        Set<Integer> endOfGeneration) {

    /** Texts of tokens that end a turn in the chat formats we know (llama.cpp detects the same by text). */
    static final Set<String> END_OF_GENERATION_TEXTS = Set.of(
            "<|eot_id|>", "<|eom_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>",
            "<|end_of_text|>", "<EOT>", "_<EOT>", "<\uff5cend\u2581of\u2581sentence\uff5c>");
}
