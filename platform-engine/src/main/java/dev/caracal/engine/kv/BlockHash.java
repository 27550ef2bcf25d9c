package dev.caracal.engine.kv;

import java.util.HexFormat;

/**
 * The content hash of one full KV block: the first 128 bits of a SHA-256 over its parent block's hash, its token ids,
 * the model's fingerprint and the request's extra keys (see {@link BlockHasher}). Equal hashes mean equal KV contents;
 * at 128 bits an accidental collision is negligible for any number of blocks a server will ever hold.
 *
 * @param high the first 64 bits of the digest
 * @param low  the next 64 bits
 */
public record BlockHash(long high, long low) {

    /** The 16 bytes, big-endian (high first). */
    public byte[] bytes() {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (high >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return bytes;
    }

    /** 32 lower-case hex digits, for logs and as a key in a second cache tier. */
    public String toHex() {
        return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
