package dev.caracal.formats.tokenizer;

import dev.caracal.formats.ModelFormatException;
import dev.caracal.formats.gguf.GgufMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The byte-level BPE tokenizer of GPT-2, Llama 3 and Qwen2/2.5/3 (and DeepSeek-R1's Qwen distillations), read from
 * GGUF metadata or a Hugging Face {@code tokenizer.json}; it gives the token ids Hugging Face tokenizers and llama.cpp
 * give.
 *
 * <p>Encoding: added tokens are cut out first; each remaining text is normalized (NFC, for Qwen), cut into words by
 * the model's pre-tokenizer expression, and each word's UTF-8 bytes are merged by the BPE rules in rank order. Unpaired
 * surrogates in the text are encoded as U+FFFD. Instances are immutable and safe to share between threads.
 */
public final class ByteLevelBpeTokenizer implements Tokenizer {

    private static final int WORD_CACHE_SIZE = 1 << 16;

    private final ByteLevelVocabulary vocabulary;
    private final AddedTokenSplitter allAddedTokens;
    private final AddedTokenSplitter plainAddedTokens;
    private final ByteLevelMergeTable merges;
    private final ByteLevelTokenIndex wholeWords;
    private final int[] byteTokens = new int[256];
    private final ByteLevelWordCache cache;
    private final Set<Integer> endOfGeneration;

    private ByteLevelBpeTokenizer(ByteLevelVocabulary vocabulary, ByteLevelMergeTable merges,
            ByteLevelTokenIndex wholeWords, boolean cached) {
        this.vocabulary = vocabulary;
        this.merges = merges;
        this.wholeWords = wholeWords;
        this.allAddedTokens = new AddedTokenSplitter(vocabulary.addedTokens());
        this.plainAddedTokens = new AddedTokenSplitter(
                vocabulary.addedTokens().stream().filter(token -> !token.special()).toList());
        byte[] one = new byte[1];
        for (int value = 0; value < 256; value++) {
            one[0] = (byte) value;
            int token = wholeWords.find(one, 1, ByteLevelTokenIndex.hash(one, 1));
            if (token < 0) {
                throw new ModelFormatException(vocabulary.source(), ModelFormatException.NO_OFFSET,
                        "the vocabulary has no token for byte 0x" + Integer.toHexString(value) + " ('"
                                + ByteLevelAlphabet.character(value) + "'); not a byte-level BPE vocabulary");
            }
            byteTokens[value] = token;
        }
        this.cache = cached ? new ByteLevelWordCache(WORD_CACHE_SIZE) : null;
        this.endOfGeneration = Set.copyOf(vocabulary.endOfGeneration());
    }

    private static ByteLevelBpeTokenizer build(ByteLevelVocabulary vocabulary) {
        String[] pieces = vocabulary.pieces();
        byte[][] mergeableBytes = new byte[pieces.length][];
        for (int id = 0; id < pieces.length; id++) {
            if (vocabulary.mergeable()[id]) {
                mergeableBytes[id] = ByteLevelAlphabet.decode(pieces[id]);
            }
        }
        ByteLevelMergeTable merges = new ByteLevelMergeTable(
                vocabulary.mergeLeft(), vocabulary.mergeRight(), vocabulary.mergeResult());
        return new ByteLevelBpeTokenizer(vocabulary, merges, new ByteLevelTokenIndex(mergeableBytes), true);
    }

    /**
     * Reads the tokenizer from GGUF metadata with {@code tokenizer.ggml.model = "gpt2"}.
     *
     * @param fileName the file the metadata came from, for messages
     * @throws ModelFormatException when the metadata is not a byte-level BPE vocabulary this class supports (an
     *                              unknown {@code tokenizer.ggml.pre}, merges naming unknown tokens, ...)
     */
    public static ByteLevelBpeTokenizer fromGguf(GgufMetadata metadata, String fileName) {
        return build(ByteLevelGgufReader.read(metadata, fileName));
    }

    /**
     * Reads the tokenizer from a Hugging Face {@code tokenizer.json}, and the {@code tokenizer_config.json} beside it
     * where there is one (BOS and EOS tokens, {@code add_bos_token}).
     *
     * @throws ModelFormatException when the file is not a byte-level BPE tokenizer this class supports
     * @throws IOException          when a file cannot be read
     */
    public static ByteLevelBpeTokenizer fromTokenizerJson(Path tokenizerJson) throws IOException {
        return build(ByteLevelTokenizerJsonReader.read(tokenizerJson));
    }

    /** The same tokenizer without its word cache (for benchmarks and tests). */
    ByteLevelBpeTokenizer withoutWordCache() {
        return new ByteLevelBpeTokenizer(vocabulary, merges, wholeWords, false);
    }

    /** How this tokenizer cuts text into words. */
    ByteLevelPreTokenizer preTokenizer() {
        return vocabulary.preTokenizer();
    }

    @Override
    public int vocabularySize() {
        return vocabulary.pieces().length;
    }

    @Override
    public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
        Objects.requireNonNull(text, "text");
        ByteLevelScratch scratch = new ByteLevelScratch();
        if (addSpecial) {
            scratch.addAll(vocabulary.prefixTokens(), vocabulary.prefixTokens().length);
        }
        AddedTokenSplitter splitter = parseSpecial ? allAddedTokens : plainAddedTokens;
        if (splitter.isEmpty()) {
            encodeText(text, scratch);
        } else {
            for (AddedTokenSplitter.Segment segment : splitter.split(text, parseSpecial)) {
                switch (segment) {
                    case AddedTokenSplitter.Token token -> scratch.add(token.token().id());
                    case AddedTokenSplitter.Text plain -> encodeText(plain.text(), scratch);
                }
            }
        }
        if (addSpecial) {
            scratch.addAll(vocabulary.suffixTokens(), vocabulary.suffixTokens().length);
        }
        return scratch.result();
    }

    /** Normalizes, pre-tokenizes and merges one stretch of text without added tokens. */
    private void encodeText(String text, ByteLevelScratch scratch) {
        if (text.isEmpty()) {
            return;
        }
        if (vocabulary.normalizeNfc() && mayChangeUnderNfc(text)) {
            text = Normalizer.normalize(withoutUnpairedSurrogates(text), Normalizer.Form.NFC);
        }
        if (vocabulary.addPrefixSpace() && text.charAt(0) != ' ') {
            text = " " + text;
        }
        int length = text.length();
        scratch.ensureCodePoints(length);
        int[] codePoints = scratch.codePoints;
        byte[] classes = scratch.classes;
        int count = 0;
        for (int i = 0; i < length; i++) {
            int c = text.charAt(i);
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                if (Character.isHighSurrogate((char) c) && i + 1 < length
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    c = Character.toCodePoint((char) c, text.charAt(++i));
                } else {
                    c = 0xfffd; // an unpaired surrogate
                }
            }
            codePoints[count] = c;
            classes[count] = ByteLevelPreTokenizer.classify(c);
            count++;
        }
        int pieces = vocabulary.preTokenizer().split(codePoints, classes, count, scratch.pieceEnds);
        int[] ends = scratch.pieceEnds;
        int start = 0;
        for (int piece = 0; piece < pieces; piece++) {
            encodeWord(codePoints, start, ends[piece], scratch);
            start = ends[piece];
        }
    }

    /** Turns one word (code points [start, end)) into tokens. */
    private void encodeWord(int[] codePoints, int start, int end, ByteLevelScratch scratch) {
        scratch.ensureWord(4 * (end - start));
        byte[] bytes = scratch.bytes;
        int length = 0;
        for (int i = start; i < end; i++) {
            int c = codePoints[i];
            if (c < 0x80) {
                bytes[length++] = (byte) c;
            } else if (c < 0x800) {
                bytes[length++] = (byte) (0xc0 | c >> 6);
                bytes[length++] = (byte) (0x80 | c & 0x3f);
            } else if (c < 0x10000) {
                bytes[length++] = (byte) (0xe0 | c >> 12);
                bytes[length++] = (byte) (0x80 | c >> 6 & 0x3f);
                bytes[length++] = (byte) (0x80 | c & 0x3f);
            } else {
                bytes[length++] = (byte) (0xf0 | c >> 18);
                bytes[length++] = (byte) (0x80 | c >> 12 & 0x3f);
                bytes[length++] = (byte) (0x80 | c >> 6 & 0x3f);
                bytes[length++] = (byte) (0x80 | c & 0x3f);
            }
        }
        if (length == 1) {
            scratch.add(byteTokens[bytes[0] & 0xff]);
            return;
        }
        int hash = ByteLevelTokenIndex.hash(bytes, length);
        if (vocabulary.ignoreMerges()) {
            int whole = wholeWords.find(bytes, length, hash);
            if (whole >= 0) {
                scratch.add(whole);
                return;
            }
        }
        if (cache != null) {
            int[] cached = cache.get(bytes, length, hash);
            if (cached != null) {
                scratch.addAll(cached, cached.length);
                return;
            }
        }
        int[] symbols = scratch.symbols;
        for (int i = 0; i < length; i++) {
            symbols[i] = byteTokens[bytes[i] & 0xff];
        }
        int count = merges.merge(symbols, length, scratch);
        scratch.addAll(symbols, count);
        if (cache != null) {
            cache.put(bytes, length, hash, symbols, count);
        }
    }

    /** False when no character can take part in NFC composition or decomposition (all below U+0300). */
    private static boolean mayChangeUnderNfc(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x300) {
                return true;
            }
        }
        return false;
    }

    private static String withoutUnpairedSurrogates(String text) {
        StringBuilder fixed = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (fixed != null) {
                    fixed.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (fixed == null) {
                    fixed = new StringBuilder(text.length()).append(text, 0, i);
                }
                fixed.append('\ufffd');
            } else if (fixed != null) {
                fixed.append(c);
            }
        }
        return fixed == null ? text : fixed.toString();
    }

    /** {@inheritDoc} Ids outside the vocabulary contribute nothing, as Hugging Face tokenizers decode them. */
    @Override
    public byte[] tokenBytes(int token, boolean atStart, boolean renderSpecial) {
        if (token < 0 || token >= vocabularySize() || vocabulary.special()[token] && !renderSpecial) {
            return new byte[0];
        }
        return vocabulary.decodedBytes()[token].clone();
    }

    @Override
    public String piece(int token) {
        if (token < 0 || token >= vocabularySize()) {
            throw new IllegalArgumentException("token " + token + " is outside the vocabulary of "
                    + vocabularySize());
        }
        return vocabulary.pieces()[token];
    }

    @Override
    public boolean isSpecial(int token) {
        return token >= 0 && token < vocabularySize() && vocabulary.special()[token];
    }

    @Override
    public OptionalInt bosToken() {
        return vocabulary.bos() >= 0 ? OptionalInt.of(vocabulary.bos()) : OptionalInt.empty();
    }

    @Override
    public OptionalInt eosToken() {
        return vocabulary.eos() >= 0 ? OptionalInt.of(vocabulary.eos()) : OptionalInt.empty();
    }

    @Override
    public Set<Integer> endOfGenerationTokens() {
        return endOfGeneration;
    }

    /** The added tokens (control and user-defined) matched whole in text. */
    public List<AddedToken> addedTokens() {
        return vocabulary.addedTokens();
    }

    /** The words {@code text} is cut into before BPE (after NFC where the model normalizes), for diagnostics. */
    public List<String> preTokenize(String text) {
        List<String> words = new ArrayList<>();
        String normalized = vocabulary.normalizeNfc()
                ? Normalizer.normalize(withoutUnpairedSurrogates(text), Normalizer.Form.NFC)
                : text;
        if (vocabulary.addPrefixSpace() && !normalized.isEmpty() && normalized.charAt(0) != ' ') {
            normalized = " " + normalized;
        }
        words.addAll(vocabulary.preTokenizer().split(normalized));
        return words;
    }
}
