package dev.caracal.formats.tokenizer;

import dev.caracal.formats.ModelFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a SentencePiece {@code tokenizer.model}: a protobuf {@code ModelProto} decoded with a small wire-format reader
 * (varints, 32/64-bit fixed values, length-delimited fields), keeping the pieces and the trainer and normalizer
 * settings that change tokenization.
 */
final class SentencePieceModelReader {

    /** Largest model file read, in bytes (real ones are well under a megabyte). */
    static final long MAX_BYTES = 256L * 1024 * 1024;

    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_LENGTH_DELIMITED = 2;
    private static final int WIRE_FIXED32 = 5;

    private static final int MODEL_TYPE_UNIGRAM = 1;
    private static final int MODEL_TYPE_BPE = 2;

    private final String fileName;
    private final byte[] bytes;
    private int position;
    private int limit;
    /** The limits of the messages enclosing the one being read. */
    private final List<Integer> savedLimits = new ArrayList<>();

    private SentencePieceModelReader(String fileName, byte[] bytes) {
        this.fileName = fileName;
        this.bytes = bytes;
        this.limit = bytes.length;
    }

    static SentencePieceVocabulary read(Path path) throws IOException {
        String fileName = path.toString();
        long size = Files.size(path);
        if (size > MAX_BYTES) {
            throw new ModelFormatException(fileName, ModelFormatException.NO_OFFSET,
                    size + " bytes is more than the " + MAX_BYTES + " a SentencePiece model may have");
        }
        return new SentencePieceModelReader(fileName, Files.readAllBytes(path)).readModel();
    }

    /** Reads a model from bytes already in memory (tests build broken ones). */
    static SentencePieceVocabulary read(String fileName, byte[] bytes) {
        return new SentencePieceModelReader(fileName, bytes).readModel();
    }

    private SentencePieceVocabulary readModel() {
        List<String> pieces = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        List<SentencePieceTokenType> types = new ArrayList<>();
        TrainerSpec trainer = null;
        NormalizerSpec normalizer = new NormalizerSpec();
        while (position < limit) {
            int fieldStart = position;
            long tag = readVarint();
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            switch (field) {
                case 1 -> {
                    int end = enter(wireType, "ModelProto.pieces", fieldStart);
                    readPiece(end, pieces, scores, types);
                }
                case 2 -> {
                    int end = enter(wireType, "ModelProto.trainer_spec", fieldStart);
                    trainer = readTrainerSpec(end);
                }
                case 3 -> {
                    int end = enter(wireType, "ModelProto.normalizer_spec", fieldStart);
                    normalizer = readNormalizerSpec(end);
                }
                default -> skip(wireType, fieldStart);
            }
        }
        if (pieces.isEmpty()) {
            throw error(ModelFormatException.NO_OFFSET, "the model has no pieces; is this a SentencePiece model?");
        }
        if (trainer == null) {
            throw error(ModelFormatException.NO_OFFSET, "the model has no trainer_spec, so its type is unknown");
        }
        if (trainer.modelType != MODEL_TYPE_BPE) {
            throw error(ModelFormatException.NO_OFFSET, "the model type is "
                    + (trainer.modelType == MODEL_TYPE_UNIGRAM ? "UNIGRAM" : "number " + trainer.modelType)
                    + "; only BPE SentencePiece models (Llama, Mistral) are supported");
        }
        if (trainer.treatWhitespaceAsSuffix) {
            throw error(ModelFormatException.NO_OFFSET, "treat_whitespace_as_suffix is not supported");
        }
        if (!normalizer.name.isEmpty() && !normalizer.name.equals("identity") && normalizer.hasCharsMap) {
            throw error(ModelFormatException.NO_OFFSET, "normalization rule '" + normalizer.name
                    + "' is not supported (only 'identity')");
        }

        SentencePieceVocabulary vocabulary = new SentencePieceVocabulary(fileName);
        int count = pieces.size();
        vocabulary.pieces = pieces.toArray(String[]::new);
        vocabulary.scores = new float[count];
        for (int id = 0; id < count; id++) {
            vocabulary.scores[id] = scores.get(id);
        }
        vocabulary.types = types.toArray(SentencePieceTokenType[]::new);
        vocabulary.indexAllPieces();
        vocabulary.bos = specialId(trainer.bosId, "bos_id", count);
        vocabulary.eos = specialId(trainer.eosId, "eos_id", count);
        vocabulary.unknown = specialId(trainer.unknownId, "unk_id", count);
        vocabulary.padding = specialId(trainer.paddingId, "pad_id", count);
        vocabulary.addBos = vocabulary.bos >= 0; // llama.cpp's default for SentencePiece models
        vocabulary.addEos = false;
        vocabulary.byteFallback = trainer.byteFallback;
        vocabulary.addSpacePrefix = normalizer.addDummyPrefix;
        vocabulary.stripLeadingSpace = normalizer.addDummyPrefix;
        vocabulary.collapseWhitespace = normalizer.removeExtraWhitespaces;
        vocabulary.escapeSpaces = normalizer.escapeWhitespaces;
        vocabulary.applyLlamaCppRules("");
        return vocabulary;
    }

    private int specialId(int id, String field, int count) {
        if (id < 0) {
            return -1;
        }
        if (id >= count) {
            throw error(ModelFormatException.NO_OFFSET, "trainer_spec." + field + " = " + id
                    + " is outside the " + count + " pieces");
        }
        return id;
    }

    private void readPiece(int end, List<String> pieces, List<Float> scores, List<SentencePieceTokenType> types) {
        int start = position;
        String piece = null;
        float score = 0;
        SentencePieceTokenType type = SentencePieceTokenType.NORMAL;
        while (position < end) {
            int fieldStart = position;
            long tag = readVarint();
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            switch (field) {
                case 1 -> piece = readString(wireType, fieldStart);
                case 2 -> {
                    expect(wireType, WIRE_FIXED32, "SentencePiece.score", fieldStart);
                    score = Float.intBitsToFloat(readFixed32());
                }
                case 3 -> {
                    expect(wireType, WIRE_VARINT, "SentencePiece.type", fieldStart);
                    type = SentencePieceTokenType.ofCode(readVarint());
                }
                default -> skip(wireType, fieldStart);
            }
        }
        leave(end);
        if (piece == null || piece.isEmpty()) {
            throw error(start, "piece " + pieces.size() + " has no text");
        }
        pieces.add(piece);
        scores.add(score);
        types.add(type);
    }

    private TrainerSpec readTrainerSpec(int end) {
        TrainerSpec trainer = new TrainerSpec();
        while (position < end) {
            int fieldStart = position;
            long tag = readVarint();
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            switch (field) {
                case 3 -> trainer.modelType = (int) readVarintField(wireType, "model_type", fieldStart);
                case 24 -> trainer.treatWhitespaceAsSuffix = readVarintField(wireType, "treat_whitespace_as_suffix",
                        fieldStart) != 0;
                case 35 -> trainer.byteFallback = readVarintField(wireType, "byte_fallback", fieldStart) != 0;
                case 40 -> trainer.unknownId = (int) readVarintField(wireType, "unk_id", fieldStart);
                case 41 -> trainer.bosId = (int) readVarintField(wireType, "bos_id", fieldStart);
                case 42 -> trainer.eosId = (int) readVarintField(wireType, "eos_id", fieldStart);
                case 43 -> trainer.paddingId = (int) readVarintField(wireType, "pad_id", fieldStart);
                default -> skip(wireType, fieldStart);
            }
        }
        leave(end);
        return trainer;
    }

    private NormalizerSpec readNormalizerSpec(int end) {
        NormalizerSpec normalizer = new NormalizerSpec();
        while (position < end) {
            int fieldStart = position;
            long tag = readVarint();
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            switch (field) {
                case 1 -> normalizer.name = readString(wireType, fieldStart);
                case 2 -> {
                    int charsMapEnd = enter(wireType, "precompiled_charsmap", fieldStart);
                    normalizer.hasCharsMap = charsMapEnd > position;
                    position = charsMapEnd;
                    leave(charsMapEnd);
                }
                case 3 -> normalizer.addDummyPrefix = readVarintField(wireType, "add_dummy_prefix", fieldStart) != 0;
                case 4 -> normalizer.removeExtraWhitespaces =
                        readVarintField(wireType, "remove_extra_whitespaces", fieldStart) != 0;
                case 5 -> normalizer.escapeWhitespaces =
                        readVarintField(wireType, "escape_whitespaces", fieldStart) != 0;
                default -> skip(wireType, fieldStart);
            }
        }
        leave(end);
        return normalizer;
    }

    /** The defaults are those of sentencepiece_model.proto. */
    private static final class TrainerSpec {
        int modelType = MODEL_TYPE_UNIGRAM;
        boolean treatWhitespaceAsSuffix;
        boolean byteFallback;
        int unknownId = 0;
        int bosId = 1;
        int eosId = 2;
        int paddingId = -1;
    }

    private static final class NormalizerSpec {
        String name = "";
        boolean hasCharsMap;
        boolean addDummyPrefix = true;
        boolean removeExtraWhitespaces = true;
        boolean escapeWhitespaces = true;
    }

    // Wire format.

    /** Starts reading a length-delimited field; returns where it ends (the enclosing limit is restored by leave). */
    private int enter(int wireType, String what, int fieldStart) {
        expect(wireType, WIRE_LENGTH_DELIMITED, what, fieldStart);
        long length = readVarint();
        if (length < 0 || length > limit - position) {
            throw error(fieldStart, what + " claims " + length + " bytes but only " + (limit - position) + " remain");
        }
        int end = position + (int) length;
        savedLimits.add(limit);
        limit = end;
        return end;
    }

    private void leave(int end) {
        position = end;
        limit = savedLimits.removeLast();
    }

    private String readString(int wireType, int fieldStart) {
        int end = enter(wireType, "string", fieldStart);
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, position, end - position))
                    .toString();
            leave(end);
            return text;
        } catch (CharacterCodingException invalid) {
            throw error(fieldStart, "a string is not valid UTF-8");
        }
    }

    private long readVarintField(int wireType, String what, int fieldStart) {
        expect(wireType, WIRE_VARINT, what, fieldStart);
        return readVarint();
    }

    private long readVarint() {
        int start = position;
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= limit) {
                throw error(start, "a varint runs past the end of its message");
            }
            int b = bytes[position++] & 0xff;
            value |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                return value;
            }
        }
        throw error(start, "a varint is longer than 10 bytes");
    }

    private int readFixed32() {
        if (limit - position < 4) {
            throw error(position, "a 32-bit value runs past the end of its message");
        }
        int value = (bytes[position] & 0xff) | (bytes[position + 1] & 0xff) << 8
                | (bytes[position + 2] & 0xff) << 16 | (bytes[position + 3] & 0xff) << 24;
        position += 4;
        return value;
    }

    private void skip(int wireType, int fieldStart) {
        switch (wireType) {
            case WIRE_VARINT -> readVarint();
            case WIRE_FIXED64 -> advance(8, fieldStart);
            case WIRE_FIXED32 -> advance(4, fieldStart);
            case WIRE_LENGTH_DELIMITED -> {
                long length = readVarint();
                if (length < 0 || length > limit - position) {
                    throw error(fieldStart, "a field claims " + length + " bytes but only " + (limit - position)
                            + " remain");
                }
                position += (int) length;
            }
            default -> throw error(fieldStart, "wire type " + wireType + " is not a protobuf wire type this reader"
                    + " knows; is this a SentencePiece model?");
        }
    }

    private void advance(int count, int fieldStart) {
        if (limit - position < count) {
            throw error(fieldStart, "a fixed-size field runs past the end of its message");
        }
        position += count;
    }

    private void expect(int wireType, int expected, String what, int fieldStart) {
        if (wireType != expected) {
            throw error(fieldStart, what + " has wire type " + wireType + ", not " + expected);
        }
    }

    private ModelFormatException error(long offset, String problem) {
        return new ModelFormatException(fileName, offset, problem);
    }
}
