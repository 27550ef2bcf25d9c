package dev.caracal.engine.kv;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Chained block hashes for one model and KV layout: {@code hash(parent hash, the block's token ids, model fingerprint,
 * extra keys)}, SHA-256 truncated to 128 bits. The chain makes a block's hash stand for the whole prefix up to its end;
 * the fingerprint keeps the KV of one model (or one KV layout) from ever matching another's; the extra keys (a tenant's
 * cache salt, later LoRA adapters) keep requests that must not share KV apart.
 */
public final class BlockHasher {

    /** The parent of a sequence's first block. */
    public static final BlockHash ROOT = new BlockHash(0, 0);

    private final byte[] fingerprint;

    /** A hasher for the model and KV layout that {@code fingerprint} identifies (see {@link ModelFingerprint}). */
    public BlockHasher(byte[] fingerprint) {
        if (fingerprint.length == 0) {
            throw new IllegalArgumentException("a model fingerprint must not be empty");
        }
        this.fingerprint = fingerprint.clone();
    }

    /**
     * The hash of the block holding {@code tokens[from, from + count)} after the block whose hash is {@code parent}
     * ({@link #ROOT} for a sequence's first block).
     *
     * @param extraKeys the request's extra keys, already encoded (see {@link #encodeExtraKeys}); empty for none
     */
    public BlockHash hash(BlockHash parent, int[] tokens, int from, int count, byte[] extraKeys) {
        MessageDigest digest = sha256();
        ByteBuffer buffer = ByteBuffer.allocate(16 + 4 + 4 * count + 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(parent.high()).putLong(parent.low()).putInt(count);
        for (int i = 0; i < count; i++) {
            buffer.putInt(tokens[from + i]);
        }
        buffer.putInt(extraKeys.length);
        digest.update(buffer.array());
        digest.update(extraKeys);
        digest.update(fingerprint);
        ByteBuffer result = ByteBuffer.wrap(digest.digest());
        return new BlockHash(result.getLong(), result.getLong());
    }

    /** The extra keys of a request as bytes: its cache salt (UTF-8, length-prefixed), or nothing when null. */
    public static byte[] encodeExtraKeys(String cacheSalt) {
        if (cacheSalt == null) {
            return new byte[0];
        }
        byte[] salt = cacheSalt.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return ByteBuffer.allocate(5 + salt.length).put((byte) 's').putInt(salt.length).put(salt).array();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }
}
