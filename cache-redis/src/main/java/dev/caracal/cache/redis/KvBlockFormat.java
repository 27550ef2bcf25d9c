package dev.caracal.cache.redis;

import dev.caracal.api.kv.KvBlockNamespace;
import dev.caracal.api.kv.KvCacheSpec;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The value stored for one KV block: a 32-byte header, then the block's bytes in {@code KvCache#readBlock}'s layout.
 * All header fields are little-endian:
 *
 * <pre>
 * offset size field
 *  0      4   magic "CKVB"
 *  4      2   format version (1)
 *  6      2   dtype, as its GGML type id (0 F32, 1 F16)
 *  8      4   layers
 * 12      4   KV heads
 * 16      4   head size
 * 20      4   block size (token slots)
 * 24      4   payload length in bytes (the spec's bytes per block)
 * 28      4   CRC32C of the model fingerprint, the block hash, header bytes 0-27 and the payload
 * 32      n   payload
 * </pre>
 *
 * <p>The checksum also covers the model fingerprint and the block hash, which are in the key rather than in the value,
 * so a value that ended up under another key is rejected as well as one whose bytes were damaged.
 */
public final class KvBlockFormat {

    /** Bytes before the payload. */
    public static final int HEADER_BYTES = 32;
    /** The format version this code writes and reads. */
    public static final int VERSION = 1;

    private static final int MAGIC = 'C' | 'K' << 8 | 'V' << 16 | 'B' << 24;
    private static final int CHECKSUM_OFFSET = 28;
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class,
            ByteOrder.LITTLE_ENDIAN);

    /** Why a stored value was not used. */
    public enum Rejection {
        /** Shorter than its header, or than the payload its header announces. */
        TRUNCATED,
        /** Longer than its header and payload. */
        TRAILING_BYTES,
        /** Does not start with the magic number: not a KV block record. */
        NOT_A_BLOCK,
        /** Written in a format version this code does not read. */
        UNKNOWN_VERSION,
        /** Its dtype, layer count, KV heads, head size, block size or payload length differ from the namespace's. */
        OTHER_LAYOUT,
        /** Its checksum does not match its bytes, its model or its block hash. */
        CHECKSUM
    }

    /** A stored value that is not a usable block, with the reason. */
    public static final class RejectedBlockException extends Exception {
        private final Rejection rejection;

        RejectedBlockException(Rejection rejection, String message) {
            super(message, null, false, false);
            this.rejection = rejection;
        }

        public Rejection rejection() {
            return rejection;
        }
    }

    private KvBlockFormat() {
    }

    /** The length of the value stored for a block of {@code spec}. */
    public static long recordBytes(KvCacheSpec spec) {
        return HEADER_BYTES + spec.bytesPerBlock();
    }

    /** The stored value for a block: the header, then a copy of {@code blockBytes}. */
    public static byte[] encode(KvBlockNamespace namespace, byte[] blockHash, byte[] blockBytes) {
        KvCacheSpec spec = namespace.spec();
        if (blockBytes.length != spec.bytesPerBlock()) {
            throw new IllegalArgumentException("a block of " + spec + " has " + spec.bytesPerBlock()
                    + " bytes, not " + blockBytes.length);
        }
        byte[] record = new byte[Math.toIntExact(recordBytes(spec))];
        INTS.set(record, 0, MAGIC);
        SHORTS.set(record, 4, (short) VERSION);
        SHORTS.set(record, 6, (short) spec.dtype().ggmlTypeId());
        INTS.set(record, 8, spec.layers());
        INTS.set(record, 12, spec.kvHeads());
        INTS.set(record, 16, spec.headSize());
        INTS.set(record, 20, spec.blockSize());
        INTS.set(record, 24, blockBytes.length);
        System.arraycopy(blockBytes, 0, record, HEADER_BYTES, blockBytes.length);
        INTS.set(record, CHECKSUM_OFFSET, checksum(namespace, blockHash, record));
        return record;
    }

    /**
     * The block's bytes in a stored value, after checking every header field against {@code namespace}'s spec and the
     * checksum against the bytes, the model and {@code blockHash}.
     *
     * @throws RejectedBlockException when the value is not an intact block of this model, spec and hash
     */
    public static byte[] decode(KvBlockNamespace namespace, byte[] blockHash, byte[] record)
            throws RejectedBlockException {
        KvCacheSpec spec = namespace.spec();
        if (record.length < HEADER_BYTES) {
            throw new RejectedBlockException(Rejection.TRUNCATED, "a value of " + record.length
                    + " bytes is shorter than the " + HEADER_BYTES + "-byte header");
        }
        if ((int) INTS.get(record, 0) != MAGIC) {
            throw new RejectedBlockException(Rejection.NOT_A_BLOCK, "the value does not start with \"CKVB\"");
        }
        int version = Short.toUnsignedInt((short) SHORTS.get(record, 4));
        if (version != VERSION) {
            throw new RejectedBlockException(Rejection.UNKNOWN_VERSION, "format version " + version
                    + ", this reader knows " + VERSION);
        }
        expect("dtype (GGML type id)", Short.toUnsignedInt((short) SHORTS.get(record, 6)), spec.dtype().ggmlTypeId());
        expect("layers", (int) INTS.get(record, 8), spec.layers());
        expect("KV heads", (int) INTS.get(record, 12), spec.kvHeads());
        expect("head size", (int) INTS.get(record, 16), spec.headSize());
        expect("block size", (int) INTS.get(record, 20), spec.blockSize());
        long payloadBytes = Integer.toUnsignedLong((int) INTS.get(record, 24));
        expect("payload length", payloadBytes, spec.bytesPerBlock());
        long expectedLength = HEADER_BYTES + payloadBytes;
        if (record.length != expectedLength) {
            throw new RejectedBlockException(record.length < expectedLength ? Rejection.TRUNCATED
                    : Rejection.TRAILING_BYTES, "the value has " + record.length + " bytes, its header announces "
                    + expectedLength);
        }
        int stored = (int) INTS.get(record, CHECKSUM_OFFSET);
        int computed = checksum(namespace, blockHash, record);
        if (stored != computed) {
            throw new RejectedBlockException(Rejection.CHECKSUM, String.format(
                    "checksum %08x where the bytes, model and block hash give %08x", stored, computed));
        }
        return Arrays.copyOfRange(record, HEADER_BYTES, record.length);
    }

    private static void expect(String field, long stored, long expected) throws RejectedBlockException {
        if (stored != expected) {
            throw new RejectedBlockException(Rejection.OTHER_LAYOUT, field + " " + stored
                    + " where the model's KV cache has " + expected);
        }
    }

    private static int checksum(KvBlockNamespace namespace, byte[] blockHash, byte[] record) {
        CRC32C crc = new CRC32C();
        crc.update(namespace.modelFingerprint());
        crc.update(blockHash);
        crc.update(record, 0, CHECKSUM_OFFSET);
        crc.update(record, HEADER_BYTES, record.length - HEADER_BYTES);
        return (int) crc.getValue();
    }
}
