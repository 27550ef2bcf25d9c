package dev.caracal.engine.connector;

import dev.caracal.api.kv.KvBlockNamespace;
import dev.caracal.api.kv.KvBlockStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The connector over a {@link KvBlockStore} (the SPI of a shared tier, Redis for one): lookups run on two threads of
 * their own (the store bounds how long one waits), saves copy the block out of the KV cache and hand it to the store to
 * write behind. A store that fails is logged and costs only computing.
 */
public final class BlockStoreConnector implements KvConnector {

    private static final System.Logger LOG = System.getLogger(BlockStoreConnector.class.getName());

    /** Threads that ask the store, off the engine thread. */
    private static final int LOOKUP_THREADS = 2;

    private final KvBlockStore store;
    private final KvBlockNamespace namespace;
    private final ExecutorService lookups;

    /**
     * @param store      the store, which the caller opens and closes (several engines may share one)
     * @param namespace  this engine's model and KV layout, which keys its blocks in the store
     * @param threadName the prefix of the lookup threads' names
     */
    public BlockStoreConnector(KvBlockStore store, KvBlockNamespace namespace, String threadName) {
        this.store = store;
        this.namespace = namespace;
        this.lookups = Executors.newFixedThreadPool(LOOKUP_THREADS,
                Thread.ofPlatform().daemon().name(threadName + "-kv-lookup-", 1).factory());
    }

    @Override
    public CompletableFuture<List<byte[]>> lookUp(List<byte[]> hashes) {
        try {
            return CompletableFuture.supplyAsync(() -> fetch(hashes), lookups);
        } catch (RejectedExecutionException closing) {
            return CompletableFuture.completedFuture(List.of());
        }
    }

    /** The store's blocks for {@code hashes} (on a lookup thread); none when it fails, though it should not throw. */
    private List<byte[]> fetch(List<byte[]> hashes) {
        try {
            return store.fetchPrefix(namespace, hashes);
        } catch (RuntimeException failure) {
            LOG.log(System.Logger.Level.WARNING, "the KV block store failed a lookup; computing instead", failure);
            return List.of();
        }
    }

    @Override
    public void save(byte[] hash, Block block) {
        try {
            store.storeLater(namespace, hash, block.copy()); // a fresh array: the store may keep it until written
        } catch (RuntimeException failure) {
            LOG.log(System.Logger.Level.WARNING, "the KV block store refused a block to write", failure);
        }
    }

    @Override
    public void close() {
        lookups.shutdownNow(); // a lookup in flight answers empty (the engine ends its request with the rest)
    }
}
