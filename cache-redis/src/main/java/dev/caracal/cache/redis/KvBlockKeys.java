package dev.caracal.cache.redis;

import dev.caracal.api.kv.KvBlockNamespace;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The Redis keys of a store's blocks: {@code <namespace>:<model fingerprint hex>:<block hash hex>} for a block's value
 * (for example {@code caracal:kv:9f86d0…:3a7bd3…}), and {@code <namespace>:<model fingerprint hex>:index} for the
 * sorted set of a model's block hashes by write time that keeps its size budget. The hex digits are lower case; the
 * word {@code index} cannot be a hash in hex.
 *
 * @param namespace the keys' first part, {@code caracal:kv} by default
 */
public record KvBlockKeys(String namespace) {

    private static final HexFormat HEX = HexFormat.of();

    /** The prefix of all of one model's keys, {@code <namespace>:<fingerprint hex>:}. */
    public String modelPrefix(KvBlockNamespace model) {
        return namespace + ':' + model.fingerprintHex() + ':';
    }

    /** The key of one block's value. */
    public byte[] blockKey(KvBlockNamespace model, byte[] blockHash) {
        return blockKey(modelPrefix(model), HEX.formatHex(blockHash));
    }

    /** The key of a block's value from its model's prefix and the hash's hex digits (an index member). */
    static byte[] blockKey(String modelPrefix, String blockHashHex) {
        return (modelPrefix + blockHashHex).getBytes(StandardCharsets.US_ASCII);
    }

    /** The key of the sorted set of one model's block hashes (hex), scored by the time they were written (ms). */
    public byte[] indexKey(KvBlockNamespace model) {
        return (modelPrefix(model) + "index").getBytes(StandardCharsets.US_ASCII);
    }

    /** A block hash as an index member: its lower-case hex digits. */
    static byte[] indexMember(byte[] blockHash) {
        return HEX.formatHex(blockHash).getBytes(StandardCharsets.US_ASCII);
    }
}
