package dev.caracal.formats.tokenizer;

import dev.caracal.formats.gguf.GgufMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * SentencePiece-style BPE with byte fallback (Llama 2, Mistral, Phi-3): text becomes ▁-escaped characters that are
 * merged pairwise, best piece score first as llama.cpp and SentencePiece do (or best merge rank, for a Hugging Face
 * {@code tokenizer.json}), and characters outside the vocabulary become {@code <0xXX>} byte tokens.
 */
public final class SentencePieceTokenizer implements Tokenizer {

    /** The meta symbol that stands for a space in pieces. */
    static final char SPACE_SYMBOL = '\u2581';

    private final String[] pieces;
    private final float[] scores;
    private final SentencePieceTokenType[] types;
    private final Map<String, Integer> pieceIds;
    /** Token of each BMP character that is a piece by itself, or -1. */
    private final int[] characterTokens = new int[Character.MAX_VALUE + 1];
    /** Token of each byte ({@code <0xXX>}), or -1. */
    private final int[] byteTokens = new int[256];
    /** The bytes each token decodes to (control tokens: their text, shown only on request). */
    private final byte[][] decodedBytes;
    private final int maxPieceLength;
    /**
     * No piece has ▁ right after another character, so no merge can cross the start of a ▁-run and each ▁-started
     * word may be merged on its own: the same result, with small work queues.
     */
    private final boolean wordsAreIndependent;
    private final int bos;
    private final int eos;
    private final int unknown;
    private final int padding;
    private final boolean addBos;
    private final boolean addEos;
    private final boolean escapeSpaces;
    private final boolean addSpacePrefix;
    private final boolean prefixFirstSegmentOnly;
    private final boolean prefixUnlessSpace;
    private final boolean splitWords;
    private final boolean collapseWhitespace;
    private final boolean stripLeadingSpace;
    private final boolean dropSpaceSymbolsOfFirstToken;
    private final boolean byteFallback;
    private final boolean fuseUnknown;
    private final boolean ignoreMerges;
    private final SentencePieceMergeTable merges;
    private final AddedTokenSplitter splitter;
    private final Set<Integer> endOfGeneration;

    SentencePieceTokenizer(SentencePieceVocabulary vocabulary) {
        vocabulary.check();
        pieces = vocabulary.pieces;
        scores = vocabulary.scores;
        types = vocabulary.types;
        pieceIds = vocabulary.pieceIds;
        bos = vocabulary.bos;
        eos = vocabulary.eos;
        unknown = vocabulary.unknown;
        padding = vocabulary.padding;
        addBos = vocabulary.addBos;
        addEos = vocabulary.addEos;
        escapeSpaces = vocabulary.escapeSpaces;
        addSpacePrefix = vocabulary.addSpacePrefix;
        prefixFirstSegmentOnly = vocabulary.prefixFirstSegmentOnly;
        prefixUnlessSpace = vocabulary.prefixUnlessSpace;
        splitWords = vocabulary.splitWords;
        collapseWhitespace = vocabulary.collapseWhitespace;
        stripLeadingSpace = vocabulary.stripLeadingSpace;
        dropSpaceSymbolsOfFirstToken = vocabulary.dropSpaceSymbolsOfFirstToken;
        byteFallback = vocabulary.byteFallback;
        fuseUnknown = vocabulary.fuseUnknown;
        ignoreMerges = vocabulary.ignoreMerges;
        merges = vocabulary.merges;

        Arrays.fill(characterTokens, -1);
        int longest = 1;
        for (Map.Entry<String, Integer> entry : pieceIds.entrySet()) {
            String piece = entry.getKey();
            longest = Math.max(longest, piece.length());
            if (piece.length() == 1) {
                characterTokens[piece.charAt(0)] = entry.getValue();
            }
        }
        maxPieceLength = longest;
        wordsAreIndependent = pieceIds.keySet().stream().noneMatch(SentencePieceTokenizer::hasSpaceAfterCharacter);
        Arrays.fill(byteTokens, -1);
        for (int value = 0; value < 256; value++) {
            Integer token = pieceIds.get(String.format("<0x%02X>", value));
            if (token == null && value < 0x80) {
                token = pieceIds.get(String.valueOf((char) value));
            }
            byteTokens[value] = token == null ? -1 : token;
        }

        decodedBytes = new byte[pieces.length][];
        for (int id = 0; id < pieces.length; id++) {
            decodedBytes[id] = decodedBytesOf(id, vocabulary.unescapeAddedTokens);
        }

        List<AddedToken> added = vocabulary.addedTokens();
        splitter = new AddedTokenSplitter(added);

        Set<Integer> ends = new LinkedHashSet<>();
        if (eos >= 0) {
            ends.add(eos);
        }
        ends.addAll(vocabulary.extraEndOfGeneration);
        for (int id = 0; id < pieces.length; id++) {
            if (types[id].isSpecial() && SentencePieceVocabulary.END_OF_GENERATION_NAMES.contains(pieces[id])) {
                ends.add(id);
            }
        }
        endOfGeneration = Collections.unmodifiableSet(ends);
    }

    /**
     * A tokenizer from GGUF metadata whose {@code tokenizer.ggml.model} is {@code llama}, with llama.cpp's defaults
     * (add BOS, not EOS; prefix a space).
     *
     * @param fileName the file the metadata came from, named in errors
     * @throws dev.caracal.formats.ModelFormatException when the vocabulary is missing or inconsistent
     */
    public static SentencePieceTokenizer fromGguf(GgufMetadata metadata, String fileName) {
        return new SentencePieceTokenizer(SentencePieceGgufReader.read(metadata, fileName));
    }

    /**
     * A tokenizer from a SentencePiece {@code tokenizer.model} (a BPE {@code ModelProto}), tokenizing as llama.cpp does
     * with the GGUF converted from it.
     *
     * @throws dev.caracal.formats.ModelFormatException when the file is not a readable SentencePiece BPE model
     */
    public static SentencePieceTokenizer fromSentencePieceModel(Path model) throws IOException {
        return new SentencePieceTokenizer(SentencePieceModelReader.read(model));
    }

    /**
     * A tokenizer from a Hugging Face {@code tokenizer.json} whose model is BPE with byte fallback (merges by rank, as
     * Hugging Face tokenizers does), with {@code tokenizer_config.json} beside it when present (add BOS/EOS, the BOS
     * and EOS tokens).
     *
     * @throws dev.caracal.formats.ModelFormatException when the file is not such a tokenizer
     */
    public static SentencePieceTokenizer fromTokenizerJson(Path tokenizerJson) throws IOException {
        return new SentencePieceTokenizer(SentencePieceTokenizerJsonReader.read(tokenizerJson));
    }

    @Override
    public int vocabularySize() {
        return pieces.length;
    }

    @Override
    public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
        String input = withoutLoneSurrogates(text);
        SentencePieceTokenList output = new SentencePieceTokenList(input.length() / 3 + 4);
        if (addSpecial && addBos) {
            output.add(bos);
        }
        List<AddedTokenSplitter.Segment> segments = splitter.isEmpty()
                ? (input.isEmpty() ? List.of() : List.of(new AddedTokenSplitter.Text(input)))
                : splitter.split(input, parseSpecial);
        boolean first = true;
        for (AddedTokenSplitter.Segment segment : segments) {
            switch (segment) {
                case AddedTokenSplitter.Token token -> output.add(token.token().id());
                case AddedTokenSplitter.Text plain -> encodeText(plain.text(), first, output);
            }
            first = false;
        }
        if (addSpecial && addEos) {
            output.add(eos);
        }
        return output.toArray();
    }

    /** Encodes text between added tokens; {@code atInputStart} when it begins the whole input. */
    private void encodeText(String text, boolean atInputStart, SentencePieceTokenList output) {
        String raw = collapseWhitespace ? collapseSpaces(text) : text;
        if (raw.isEmpty()) {
            return;
        }
        String escaped = escapeSpaces ? raw.replace(' ', SPACE_SYMBOL) : raw;
        boolean prefix = addSpacePrefix
                && (!prefixFirstSegmentOnly || atInputStart)
                && (!prefixUnlessSpace || escaped.charAt(0) != SPACE_SYMBOL);
        if (prefix) {
            escaped = SPACE_SYMBOL + escaped;
        }
        if (!splitWords && !wordsAreIndependent) {
            mergeWord(escaped, output);
            return;
        }
        // Metaspace's split starts a word at every ▁; otherwise a word starts where a ▁-run does.
        int start = 0;
        for (int at = 1; at <= escaped.length(); at++) {
            if (at == escaped.length() || escaped.charAt(at) == SPACE_SYMBOL
                    && (splitWords || escaped.charAt(at - 1) != SPACE_SYMBOL)) {
                mergeWord(escaped.substring(start, at), output);
                start = at;
            }
        }
    }

    private void mergeWord(String word, SentencePieceTokenList output) {
        if (merges == null) {
            mergeByScore(word, output);
        } else {
            mergeByRank(word, output);
        }
    }

    /**
     * llama.cpp's {@code llm_tokenizer_spm_session}: start from characters, repeatedly merge the adjacent pair whose
     * concatenation is the piece with the highest score (the leftmost among equals), then emit each symbol's token, or
     * its UTF-8 bytes as byte tokens.
     */
    private void mergeByScore(String text, SentencePieceTokenList output) {
        int length = text.length();
        int[] start = new int[length];
        int[] size = new int[length];
        int[] previous = new int[length];
        int[] next = new int[length];
        int[] token = new int[length];
        int count = 0;
        for (int at = 0; at < length; ) {
            int width = Character.charCount(text.codePointAt(at));
            start[count] = at;
            size[count] = width;
            token[count] = width == 1 ? characterTokens[text.charAt(at)] : idOf(text.substring(at, at + width));
            previous[count] = count - 1;
            next[count] = at + width == length ? -1 : count + 1;
            count++;
            at += width;
        }
        SentencePieceMergeQueue queue = new SentencePieceMergeQueue(count * 2);
        for (int symbol = 1; symbol < count; symbol++) {
            offerByScore(text, symbol - 1, symbol, start, size, queue);
        }
        while (!queue.isEmpty()) {
            int left = queue.topLeft();
            int right = queue.topRight();
            int merged = queue.topSize();
            int mergedToken = queue.topMerged();
            queue.pop();
            if (size[left] == 0 || size[right] == 0 || size[left] + size[right] != merged) {
                continue; // one side was merged into something else since
            }
            size[left] = merged;
            size[right] = 0;
            token[left] = mergedToken;
            next[left] = next[right];
            if (next[right] >= 0) {
                previous[next[right]] = left;
            }
            offerByScore(text, previous[left], left, start, size, queue);
            offerByScore(text, left, next[left], start, size, queue);
        }
        for (int symbol = count == 0 ? -1 : 0; symbol >= 0; symbol = next[symbol]) {
            if (token[symbol] >= 0) {
                output.add(token[symbol]);
            } else {
                emitBytes(text.substring(start[symbol], start[symbol] + size[symbol]), output);
            }
        }
    }

    private void offerByScore(String text, int left, int right, int[] start, int[] size,
            SentencePieceMergeQueue queue) {
        if (left < 0 || right < 0) {
            return;
        }
        int merged = size[left] + size[right];
        if (merged > maxPieceLength) {
            return;
        }
        Integer token = pieceIds.get(text.substring(start[left], start[left] + merged));
        if (token != null) {
            queue.push(scores[token], left, right, merged, token);
        }
    }

    /**
     * Hugging Face tokenizers' BPE word merge: characters (or their byte tokens, or the unknown token) become symbols,
     * then the adjacent pair with the lowest merge rank is merged (the leftmost among equals) until none is left.
     */
    private void mergeByRank(String word, SentencePieceTokenList output) {
        if (ignoreMerges) {
            Integer whole = pieceIds.get(word);
            if (whole != null) {
                output.add(whole);
                return;
            }
        }
        SentencePieceTokenList initial = new SentencePieceTokenList(word.length() + 4);
        boolean previousUnknown = false;
        for (int at = 0; at < word.length(); ) {
            int codePoint = word.codePointAt(at);
            int width = Character.charCount(codePoint);
            int token = width == 1 ? characterTokens[word.charAt(at)] : idOf(word.substring(at, at + width));
            at += width;
            if (token >= 0) {
                initial.add(token);
                previousUnknown = false;
                continue;
            }
            if (byteFallback && appendByteTokens(Character.toString(codePoint), initial)) {
                previousUnknown = false;
                continue;
            }
            if (unknown < 0) {
                throw new IllegalArgumentException("character U+" + Integer.toHexString(codePoint).toUpperCase()
                        + " is not in the vocabulary, which has neither byte tokens nor an unknown token");
            }
            if (!(fuseUnknown && previousUnknown)) {
                initial.add(unknown);
            }
            previousUnknown = true;
        }
        int count = initial.size();
        int[] token = initial.toArray();
        int[] size = new int[count];
        int[] previous = new int[count];
        int[] next = new int[count];
        for (int symbol = 0; symbol < count; symbol++) {
            size[symbol] = 1;
            previous[symbol] = symbol - 1;
            next[symbol] = symbol + 1 == count ? -1 : symbol + 1;
        }
        SentencePieceMergeQueue queue = new SentencePieceMergeQueue(count * 2);
        for (int symbol = 1; symbol < count; symbol++) {
            offerByRank(symbol - 1, symbol, token, size, queue);
        }
        while (!queue.isEmpty()) {
            int left = queue.topLeft();
            int right = queue.topRight();
            int merged = queue.topSize();
            int mergedToken = queue.topMerged();
            queue.pop();
            if (size[left] == 0 || size[right] == 0 || size[left] + size[right] != merged) {
                continue;
            }
            size[left] = merged;
            size[right] = 0;
            token[left] = mergedToken;
            next[left] = next[right];
            if (next[right] >= 0) {
                previous[next[right]] = left;
            }
            offerByRank(previous[left], left, token, size, queue);
            offerByRank(left, next[left], token, size, queue);
        }
        for (int symbol = count == 0 ? -1 : 0; symbol >= 0; symbol = next[symbol]) {
            output.add(token[symbol]);
        }
    }

    private void offerByRank(int left, int right, int[] token, int[] size, SentencePieceMergeQueue queue) {
        if (left < 0 || right < 0) {
            return;
        }
        int slot = merges.find(token[left], token[right]);
        if (slot >= 0) {
            queue.push(-(double) merges.rank(slot), left, right, size[left] + size[right], merges.mergedToken(slot));
        }
    }

    /** Emits the UTF-8 bytes of {@code text} as byte tokens (the unknown token where a byte has none). */
    private void emitBytes(String text, SentencePieceTokenList output) {
        if (appendByteTokens(text, output)) {
            return;
        }
        if (unknown < 0) {
            throw new IllegalArgumentException("'" + text + "' is not in the vocabulary, which has neither byte tokens"
                    + " for it nor an unknown token");
        }
        output.add(unknown);
    }

    /** Appends the byte tokens of {@code text}'s UTF-8 bytes, or nothing and false when one is missing. */
    private boolean appendByteTokens(String text, SentencePieceTokenList output) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (byte value : bytes) {
            if (byteTokens[value & 0xff] < 0) {
                return false;
            }
        }
        for (byte value : bytes) {
            output.add(byteTokens[value & 0xff]);
        }
        return true;
    }

    private int idOf(String piece) {
        Integer id = pieceIds.get(piece);
        return id == null ? -1 : id;
    }

    @Override
    public byte[] tokenBytes(int token, boolean atStart, boolean renderSpecial) {
        checkToken(token);
        if (types[token].isSpecial() && !renderSpecial) {
            return new byte[0];
        }
        byte[] bytes = decodedBytes[token];
        if (atStart && dropSpaceSymbolsOfFirstToken && bytes.length > 0 && types[token] != SentencePieceTokenType.BYTE
                && pieces[token].indexOf(SPACE_SYMBOL) >= 0) {
            return pieces[token].replace(String.valueOf(SPACE_SYMBOL), "").getBytes(StandardCharsets.UTF_8);
        }
        if (atStart && stripLeadingSpace && bytes.length > 0 && bytes[0] == ' ') {
            return Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return bytes.clone();
    }

    @Override
    public String piece(int token) {
        checkToken(token);
        return pieces[token];
    }

    @Override
    public boolean isSpecial(int token) {
        checkToken(token);
        return types[token].isSpecial();
    }

    @Override
    public OptionalInt bosToken() {
        return bos < 0 ? OptionalInt.empty() : OptionalInt.of(bos);
    }

    @Override
    public OptionalInt eosToken() {
        return eos < 0 ? OptionalInt.empty() : OptionalInt.of(eos);
    }

    /** The token that stands for text the vocabulary cannot encode, if the model has one. */
    public OptionalInt unknownToken() {
        return unknown < 0 ? OptionalInt.empty() : OptionalInt.of(unknown);
    }

    /** The padding token, if the model names one. */
    public OptionalInt paddingToken() {
        return padding < 0 ? OptionalInt.empty() : OptionalInt.of(padding);
    }

    /** True when {@code encode(text, true, …)} puts the BOS token first. */
    public boolean addsBosToken() {
        return addBos;
    }

    /** True when {@code encode(text, true, …)} puts the EOS token last. */
    public boolean addsEosToken() {
        return addEos;
    }

    @Override
    public Set<Integer> endOfGenerationTokens() {
        return endOfGeneration;
    }

    private void checkToken(int token) {
        if (token < 0 || token >= pieces.length) {
            throw new IllegalArgumentException(
                    "token " + token + " is outside the vocabulary of " + pieces.length + " tokens");
        }
    }

    /** What a token decodes to, following llama.cpp's {@code token_to_piece} for SentencePiece vocabularies. */
    private byte[] decodedBytesOf(int id, boolean unescapeAddedTokens) {
        String piece = pieces[id];
        return switch (types[id]) {
            case NORMAL -> piece.replace(SPACE_SYMBOL, ' ').getBytes(StandardCharsets.UTF_8);
            case BYTE -> {
                int value = byteValue(piece);
                yield value < 0 ? piece.replace(SPACE_SYMBOL, ' ').getBytes(StandardCharsets.UTF_8)
                        : new byte[] {(byte) value};
            }
            case USER_DEFINED -> (unescapeAddedTokens ? piece.replace(SPACE_SYMBOL, ' ') : piece)
                    .getBytes(StandardCharsets.UTF_8);
            case CONTROL, UNKNOWN -> piece.getBytes(StandardCharsets.UTF_8);
            case UNUSED, UNDEFINED -> new byte[0];
        };
    }

    /** True when {@code piece} has ▁ right after a character other than ▁ (as in {@code a▁b}). */
    private static boolean hasSpaceAfterCharacter(String piece) {
        for (int at = piece.indexOf(SPACE_SYMBOL, 1); at > 0; at = piece.indexOf(SPACE_SYMBOL, at + 1)) {
            if (piece.charAt(at - 1) != SPACE_SYMBOL) {
                return true;
            }
        }
        return false;
    }

    /** The byte of a {@code <0xXX>} piece, or -1. */
    static int byteValue(String piece) {
        if (piece.length() != 6 || !piece.startsWith("<0x") || piece.charAt(5) != '>') {
            return -1;
        }
        int high = Character.digit(piece.charAt(3), 16);
        int low = Character.digit(piece.charAt(4), 16);
        return high < 0 || low < 0 ? -1 : high * 16 + low;
    }

    /** {@code text} with every unpaired surrogate replaced by U+FFFD (the same string when there is none). */
    static String withoutLoneSurrogates(String text) {
        int length = text.length();
        int at = 0;
        while (at < length) {
            char c = text.charAt(at);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && at + 1 < length && Character.isLowSurrogate(text.charAt(at + 1))) {
                    at += 2;
                    continue;
                }
                break;
            }
            at++;
        }
        if (at == length) {
            return text;
        }
        StringBuilder clean = new StringBuilder(length).append(text, 0, at);
        while (at < length) {
            char c = text.charAt(at);
            if (Character.isHighSurrogate(c) && at + 1 < length && Character.isLowSurrogate(text.charAt(at + 1))) {
                clean.append(c).append(text.charAt(at + 1));
                at += 2;
            } else {
                clean.append(Character.isSurrogate(c) ? '\uFFFD' : c);
                at++;
            }
        }
        return clean.toString();
    }

    /** SentencePiece's {@code remove_extra_whitespaces}: no leading or trailing spaces, runs become one space. */
    private static String collapseSpaces(String text) {
        StringBuilder collapsed = new StringBuilder(text.length());
        boolean pendingSpace = false;
        for (int at = 0; at < text.length(); at++) {
            char c = text.charAt(at);
            if (c == ' ') {
                pendingSpace = collapsed.length() > 0;
                continue;
            }
            if (pendingSpace) {
                collapsed.append(' ');
                pendingSpace = false;
            }
            collapsed.append(c);
        }
        return collapsed.toString();
    }

    @Override
    public String toString() {
        return "SentencePieceTokenizer[" + pieces.length + " tokens, " + (merges == null ? "merged by score"
                : merges.size() + " ranked merges") + "]";
    }
}
