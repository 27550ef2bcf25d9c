package dev.caracal.tools.quality;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * llama.cpp's {@code --kl-divergence-base} file: a base model's next-token log-probabilities at the scored positions
 * of every chunk, stored in 16 bits per token, byte for byte as {@code llama-perplexity} writes and reads it.
 *
 * <p>Layout, little-endian throughout: the 8 ASCII bytes {@code _logits_}; the tokens per chunk {@code n_ctx}, the
 * vocabulary size {@code n_vocab} and the chunk count {@code n_chunk}, each a 32-bit integer; the
 * {@code n_chunk × n_ctx} evaluated tokens as 32-bit integers (as tokenized: a chunk's first token is stored as it
 * was, not as the BOS that replaces it when the chunk runs); then, chunk by chunk, one record for each scored position
 * {@code j} in {@code [n_ctx/2, n_ctx − 1)}, the distribution of the token after {@code j}. A record is
 * {@link #recordShorts 2⌈n_vocab/2⌉ + 4} unsigned 16-bit numbers: the float {@code scale}, the float
 * {@code minimum} (a log-probability), one code per token, and a zero when {@code n_vocab} is odd. Token {@code i}'s
 * log-probability is {@code scale × code[i] + minimum}; see {@link StoredLogProbabilities#compress} for the codes.
 */
public final class KlDivergenceBaseFile {

    /** The first eight bytes. */
    static final byte[] MAGIC = "_logits_".getBytes(StandardCharsets.US_ASCII);
    /** The magic and the three counts. */
    static final int HEADER_BYTES = MAGIC.length + 3 * Integer.BYTES;
    /** How far below the most likely token a log-probability is still resolved; lower ones share code 0. */
    static final float RANGE = 16;
    private static final float LEVELS = 65535;

    private KlDivergenceBaseFile() {
    }

    /**
     * One position's log-probabilities as llama.cpp stores them.
     *
     * @param scale   the log-probability step of one code
     * @param minimum the log-probability of code 0
     * @param codes   one unsigned 16-bit code per token ({@code char} is Java's unsigned 16-bit type)
     */
    public record StoredLogProbabilities(float scale, float minimum, char[] codes) {

        /** Token {@code token}'s stored log-probability, in llama.cpp's float arithmetic. */
        public float logProbability(int token) {
            return scale * codes[token] + minimum;
        }

        /**
         * Compresses {@code logits} as llama.cpp's {@code log_softmax} does: with {@code max} the largest logit and
         * {@code min} the smallest but at least {@code max − 16}, {@code scale = (max − min)/65535},
         * {@code minimum = min − max − ln Σ exp(logit − max)}, and {@code code[i] = round((logit[i] − min)/scale)}
         * (to nearest, ties to even) where {@code logit[i] > min}, else 0; all codes 0 when the logits are all equal.
         */
        public static StoredLogProbabilities compress(float[] logits) {
            float max = logits[0];
            float min = logits[0];
            for (int i = 1; i < logits.length; i++) {
                max = Math.max(max, logits[i]);
                min = Math.min(min, logits[i]);
            }
            min = Math.max(min, max - RANGE);
            float logSumExp = logSumExp(logits, max);
            float minimum = min - max - logSumExp;
            float scale = (max - min) / LEVELS;
            char[] codes = new char[logits.length];
            if (scale != 0) {
                float inverse = 1 / scale;
                for (int i = 0; i < logits.length; i++) {
                    codes[i] = logits[i] > min ? (char) nearestInteger(inverse * (logits[i] - min)) : 0;
                }
            }
            return new StoredLogProbabilities(scale, minimum, codes);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof StoredLogProbabilities that && Float.compare(scale, that.scale) == 0
                    && Float.compare(minimum, that.minimum) == 0 && Arrays.equals(codes, that.codes);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Float.hashCode(scale) + Float.hashCode(minimum)) + Arrays.hashCode(codes);
        }

        @Override
        public String toString() {
            return "StoredLogProbabilities[scale=" + scale + ", minimum=" + minimum + ", " + codes.length + " codes]";
        }
    }

    /**
     * A file's header.
     *
     * @param context    tokens per chunk
     * @param vocabulary tokens per distribution
     * @param chunks     chunks stored
     * @param tokens     the {@code chunks × context} evaluated tokens
     */
    public record Header(int context, int vocabulary, int chunks, int[] tokens) {

        /** Scored positions per chunk. */
        public int positionsPerChunk() {
            return scoredPositions(context);
        }

        /** The file's size in bytes. */
        public long fileBytes() {
            return expectedBytes(context, vocabulary, chunks);
        }
    }

    /** Unsigned 16-bit numbers in one position's record: two floats, the codes, and padding to an even count. */
    public static int recordShorts(int vocabulary) {
        return 2 * ((vocabulary + 1) / 2) + 4;
    }

    /** Scored positions in a chunk of {@code context} tokens: {@code [context/2, context − 1)}. */
    public static int scoredPositions(int context) {
        return context - 1 - context / 2;
    }

    /** The size of a file of {@code chunks} chunks of {@code context} tokens over {@code vocabulary} tokens. */
    public static long expectedBytes(int context, int vocabulary, int chunks) {
        return HEADER_BYTES + 4L * chunks * context
                + 2L * chunks * scoredPositions(context) * recordShorts(vocabulary);
    }

    /** Writes a file: the header first, then the records of each chunk's scored positions in order. */
    public static final class Writer implements AutoCloseable {

        private final Path file;
        private final int vocabulary;
        private final long expectedRecords;
        private final OutputStream out;
        private final ByteBuffer record;
        private long records;

        /**
         * Creates (or replaces) {@code file} and writes the header.
         *
         * @param tokens the {@code chunks × context} tokens the chunks are made of
         */
        public Writer(Path file, int context, int vocabulary, int chunks, int[] tokens) throws IOException {
            if (context < 3 || vocabulary < 1 || chunks < 1) {
                throw new IllegalArgumentException("context " + context + ", vocabulary " + vocabulary + ", chunks "
                        + chunks + ": each chunk needs a scored position, the vocabulary a token");
            }
            if (tokens.length != (long) chunks * context) {
                throw new IllegalArgumentException(tokens.length + " tokens for " + chunks + " chunks of " + context);
            }
            this.file = file;
            this.vocabulary = vocabulary;
            this.expectedRecords = (long) chunks * scoredPositions(context);
            this.record = ByteBuffer.allocate(2 * recordShorts(vocabulary)).order(ByteOrder.LITTLE_ENDIAN);
            this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES + 4 * tokens.length).order(ByteOrder.LITTLE_ENDIAN);
            header.put(MAGIC).putInt(context).putInt(vocabulary).putInt(chunks);
            for (int token : tokens) {
                header.putInt(token);
            }
            out.write(header.array());
        }

        /** Appends the next scored position's record. */
        public void write(StoredLogProbabilities position) throws IOException {
            if (position.codes().length != vocabulary) {
                throw new IllegalArgumentException(position.codes().length + " codes, not " + vocabulary);
            }
            if (records == expectedRecords) {
                throw new IllegalStateException("all " + expectedRecords + " positions are written");
            }
            record.clear();
            record.putFloat(position.scale()).putFloat(position.minimum());
            for (char code : position.codes()) {
                record.putChar(code);
            }
            while (record.hasRemaining()) {
                record.putChar((char) 0);
            }
            out.write(record.array());
            records++;
        }

        /**
         * Flushes and closes the file.
         *
         * @throws IllegalStateException when fewer positions were written than the header announces
         */
        @Override
        public void close() throws IOException {
            out.close();
            if (records != expectedRecords) {
                throw new IllegalStateException(file + " has " + records + " of its " + expectedRecords
                        + " positions");
            }
        }
    }

    /** Reads a file: the header on opening, then the chunks' records in order. */
    public static final class Reader implements AutoCloseable {

        private final Path file;
        private final FileChannel channel;
        private final Header header;
        private final ByteBuffer chunk;
        private int chunksRead;

        private Reader(Path file, FileChannel channel, Header header) {
            this.file = file;
            this.channel = channel;
            this.header = header;
            long bytes = 2L * header.positionsPerChunk() * recordShorts(header.vocabulary());
            if (bytes > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException(file + ": a chunk's records take " + bytes
                        + " bytes, more than one buffer holds");
            }
            this.chunk = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        }

        /**
         * Opens {@code file} and checks its magic, its counts, its size against them, and its tokens against its
         * vocabulary.
         *
         * @throws IOException when the file cannot be read or is not such a file, with what is wrong
         */
        public static Reader open(Path file) throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            try {
                long size = channel.size();
                ByteBuffer start = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                readFully(channel, start, 0);
                byte[] magic = new byte[(int) Math.min(size, MAGIC.length)];
                start.get(0, magic);
                if (!Arrays.equals(magic, Arrays.copyOf(MAGIC, magic.length))) {
                    throw new IOException(file + " is not a llama.cpp --kl-divergence-base file: it starts with"
                            + " bytes " + HexFormat.ofDelimiter(" ").formatHex(magic) + ", not \"_logits_\"");
                }
                if (size < HEADER_BYTES) {
                    throw new IOException(file + " is truncated: " + size + " bytes, fewer than the " + HEADER_BYTES
                            + " of the header (\"_logits_\", tokens per chunk, vocabulary, chunks)");
                }
                int context = start.getInt(8);
                int vocabulary = start.getInt(12);
                int chunks = start.getInt(16);
                if (context < 3 || vocabulary < 1 || chunks < 1) {
                    throw new IOException(file + ": its header says " + chunks + " chunks of " + context
                            + " tokens over a vocabulary of " + vocabulary + "; not a file llama.cpp writes");
                }
                long expected = expectedBytes(context, vocabulary, chunks);
                if (size != expected) {
                    throw new IOException(file + (size < expected ? " is truncated" : " has bytes past its end")
                            + ": " + size + " bytes, but " + chunks + " chunks of " + context
                            + " tokens over a vocabulary of " + vocabulary + " take " + expected);
                }
                ByteBuffer tokenBytes = ByteBuffer.allocate(Math.multiplyExact(4, Math.multiplyExact(chunks, context)))
                        .order(ByteOrder.LITTLE_ENDIAN);
                readFully(channel, tokenBytes, HEADER_BYTES);
                int[] tokens = new int[chunks * context];
                for (int i = 0; i < tokens.length; i++) {
                    tokens[i] = tokenBytes.getInt(4 * i);
                    if (tokens[i] < 0 || tokens[i] >= vocabulary) {
                        throw new IOException(file + " at byte offset " + (HEADER_BYTES + 4L * i) + ": token "
                                + tokens[i] + " is outside its vocabulary of " + vocabulary);
                    }
                }
                channel.position(HEADER_BYTES + 4L * tokens.length);
                return new Reader(file, channel, new Header(context, vocabulary, chunks, tokens));
            } catch (IOException | RuntimeException failure) {
                channel.close();
                throw failure;
            }
        }

        /** The header. */
        public Header header() {
            return header;
        }

        /**
         * The next chunk's records, one per scored position.
         *
         * @throws IllegalStateException when every chunk was read
         */
        public StoredLogProbabilities[] nextChunk() throws IOException {
            if (chunksRead == header.chunks()) {
                throw new IllegalStateException("all " + header.chunks() + " chunks of " + file + " are read");
            }
            chunk.clear();
            long at = channel.position();
            readFully(channel, chunk, at);
            if (chunk.limit() < chunk.capacity()) {
                throw new IOException(file + " is truncated at byte offset " + (at + chunk.limit()) + ", in chunk "
                        + (chunksRead + 1) + " of " + header.chunks());
            }
            channel.position(at + chunk.capacity());
            chunksRead++;
            int vocabulary = header.vocabulary();
            int stride = 2 * recordShorts(vocabulary);
            StoredLogProbabilities[] positions = new StoredLogProbabilities[header.positionsPerChunk()];
            for (int p = 0; p < positions.length; p++) {
                int offset = p * stride;
                char[] codes = new char[vocabulary];
                for (int i = 0; i < vocabulary; i++) {
                    codes[i] = chunk.getChar(offset + 8 + 2 * i);
                }
                positions[p] = new StoredLogProbabilities(chunk.getFloat(offset), chunk.getFloat(offset + 4), codes);
            }
            return positions;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }

        private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
            long at = position;
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, at);
                if (read < 0) {
                    break;
                }
                at += read;
            }
            buffer.flip();
        }
    }

    /** ln Σ exp(logit − max) in llama.cpp's mix of precisions: float exponentials summed in double, a float result. */
    static float logSumExp(float[] logits, float max) {
        double sum = 0;
        for (float logit : logits) {
            sum += (float) Math.exp(logit - max);
        }
        return (float) Math.log(sum);
    }

    /** llama.cpp's {@code nearest_int}: rounds to the nearest integer, ties to even, for |value| below 2²². */
    static int nearestInteger(float value) {
        return (Float.floatToRawIntBits(value + 12582912f) & 0x007fffff) - 0x00400000;
    }
}
