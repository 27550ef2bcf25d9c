package dev.caracal.api.kv;

import java.util.List;

/**
 * The second tier of the prefix cache, shared between instances (Redis, for one): whole KV blocks as bytes in
 * {@link KvCache#readBlock}'s layout, keyed by the model's fingerprint and each block's chained content hash. The
 * engine asks it on a local prefix miss and hands it newly completed blocks; it never knows which store it talks to.
 * A store that is slow or down costs the engine a bounded wait and never an error: it answers with what it has.
 */
public interface KvBlockStore extends AutoCloseable {

    /**
     * The bytes of the longest run of blocks, from the first of {@code blockHashes} on, that the store holds intact for
     * {@code namespace}, in order (empty when it has none, is unavailable or does not answer in time). One round trip
     * for all of them. A block whose stored header or checksum does not match is left out, ending the run.
     */
    List<byte[]> fetchPrefix(KvBlockNamespace namespace, List<byte[]> blockHashes);

    /**
     * Hands a completed block over to be written behind: returns at once without waiting for I/O; the store may drop
     * it (when it is down, or behind on writes).
     */
    void storeLater(KvBlockNamespace namespace, byte[] blockHash, byte[] blockBytes);

    /** Stops the store's writers and connections; pending writes may be dropped. */
    @Override
    void close();
}
