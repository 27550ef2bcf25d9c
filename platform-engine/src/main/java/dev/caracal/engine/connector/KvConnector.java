package dev.caracal.engine.connector;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A second tier of the prefix cache as the engine sees it (vLLM's KV connector): when a request arrives, the engine
 * asks it for the request's prompt blocks that the local prefix cache lacks ({@link #lookUp}, answered off the engine
 * thread); the blocks it returns are loaded into the KV cache between steps; after each step it is handed the blocks
 * the step completed ({@link #save}). A connector that fails or is slow only costs computing: lookups answer empty,
 * saves are dropped. Another tier (a local disk, another instance over HTTP) is one more implementation; the engine
 * loop does not change.
 */
public interface KvConnector extends AutoCloseable {

    /** No second tier: nothing is looked up or saved. */
    KvConnector NONE = new KvConnector() {
        @Override
        public CompletableFuture<List<byte[]>> lookUp(List<byte[]> hashes) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Override
        public void save(byte[] hash, Block block) {
        }

        @Override
        public boolean isEnabled() {
            return false;
        }

        @Override
        public void close() {
        }
    };

    /** A completed block's bytes, copied out of the KV cache only when the connector wants them. */
    @FunctionalInterface
    interface Block {

        /** A fresh copy of the block's bytes (on the engine thread, while the block still holds them). */
        byte[] copy();
    }

    /**
     * Looks up the blocks with these content hashes, in order; completes (off the engine thread, within a time the
     * connector bounds) with the blocks found from the first on, possibly none. Never completes exceptionally.
     */
    CompletableFuture<List<byte[]>> lookUp(List<byte[]> hashes);

    /** Takes a block a step completed and cached, to keep it in the tier (it may copy it now, and write it later). */
    void save(byte[] hash, Block block);

    /** Whether there is a tier at all (the engine skips looking up and copying blocks otherwise). */
    default boolean isEnabled() {
        return true;
    }

    /** Stops looking up; lookups in flight answer empty. */
    @Override
    void close();
}
