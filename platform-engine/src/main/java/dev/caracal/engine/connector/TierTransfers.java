package dev.caracal.engine.connector;

import dev.caracal.api.kv.KvCache;
import dev.caracal.engine.api.EngineStats;
import dev.caracal.engine.kv.BlockHashChain;
import dev.caracal.engine.kv.KvBlock;
import dev.caracal.engine.kv.KvCacheManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The engine's side of its {@link KvConnector}, on the engine thread: which of a new request's prompt blocks to ask the
 * tier for, loading the tier's answer into the KV cache between steps (cached like computed blocks, so the scheduler's
 * prefix lookup uses them), handing the tier the blocks each step completed, and the counters of
 * {@link EngineStats.Tier}.
 */
public final class TierTransfers implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TierTransfers.class.getName());

    /**
     * The tier's answer for a request's prompt blocks.
     *
     * @param firstBlock the index in the request's block chain of the first block asked for
     * @param blocks     the blocks found, in order from {@code firstBlock}; possibly none
     */
    public record Answer(int firstBlock, List<byte[]> blocks) {
    }

    private final KvConnector connector;
    private final KvCacheManager kv;
    private final KvCache cache;
    private int lookupsInFlight;
    private long lookups;
    private long blocksLoaded;
    private long blocksWritten;

    /**
     * @param connector the tier ({@link KvConnector#NONE} for none), closed with this
     * @param kv        the engine's block manager and prefix cache
     * @param cache     the KV cache the blocks are read from and written into
     */
    public TierTransfers(KvConnector connector, KvCacheManager kv, KvCache cache) {
        this.connector = connector;
        this.kv = kv;
        this.cache = cache;
    }

    /**
     * Asks the tier for the prompt blocks of a new request that the local prefix cache lacks (all but the block of its
     * last token, whose logits must be computed); false when there is nothing to ask (no tier, or every such block is
     * cached here). Otherwise {@code whenAnswered} gets the answer on a thread of the connector, within the time it
     * bounds: hand it back to the engine thread and {@link #load} it there.
     */
    public boolean lookUp(BlockHashChain hashes, int promptTokens, Consumer<Answer> whenAnswered) {
        if (!connector.isEnabled()) {
            return false;
        }
        int limit = kv.prefixLimit(hashes, promptTokens);
        int firstMissing = kv.cachedPrefix(hashes, promptTokens).blocks().size();
        if (firstMissing >= limit) {
            return false;
        }
        List<byte[]> missing = new ArrayList<>(limit - firstMissing);
        for (int i = firstMissing; i < limit; i++) {
            missing.add(hashes.get(i).bytes());
        }
        lookupsInFlight++;
        lookups++;
        connector.lookUp(missing).whenComplete((blocks, failure) -> whenAnswered.accept(new Answer(firstMissing,
                blocks == null ? List.of() : blocks)));
        return true;
    }

    /**
     * Writes the blocks of {@code answer} into free KV blocks and caches them (between steps). A block of the wrong
     * size ends the run (it and those after it are computed); a failure leaves them all to be computed.
     */
    public void load(String requestId, BlockHashChain hashes, Answer answer) {
        lookupsInFlight--;
        List<byte[]> blocks = answer.blocks();
        long blockBytes = cache.spec().bytesPerBlock();
        int usable = 0;
        while (usable < blocks.size() && blocks.get(usable) != null && blocks.get(usable).length == blockBytes) {
            usable++;
        }
        if (usable < blocks.size()) {
            LOG.log(System.Logger.Level.WARNING, "the KV tier returned a block that is not " + blockBytes
                    + " bytes for request " + requestId + "; computing it and those after it");
        }
        List<byte[]> loaded = blocks.subList(0, usable);
        int first = answer.firstBlock();
        try {
            blocksLoaded += kv.importBlocks(hashes, first, loaded.size(),
                    (index, block) -> cache.writeBlock(block.id(), loaded.get(index - first), 0));
        } catch (RuntimeException failure) {
            LOG.log(System.Logger.Level.WARNING, "loading KV blocks from the tier failed for request " + requestId
                    + "; computing them", failure);
        }
    }

    /** Hands the tier every block the step that just ran completed and cached (after the step). */
    public void saveCompleted() {
        if (!connector.isEnabled()) {
            return;
        }
        for (KvBlock block : kv.blocksCachedThisStep()) {
            connector.save(block.hash().bytes(), () -> copyOut(block));
            blocksWritten++;
        }
    }

    /** A fresh copy of a block's bytes, read out of the KV cache. */
    private byte[] copyOut(KvBlock block) {
        byte[] bytes = new byte[Math.toIntExact(cache.spec().bytesPerBlock())];
        cache.readBlock(block.id(), bytes, 0);
        return bytes;
    }

    /** Requests waiting for the tier's answer. */
    public int lookupsInFlight() {
        return lookupsInFlight;
    }

    /** The counters so far. */
    public EngineStats.Tier stats() {
        return new EngineStats.Tier(lookups, blocksLoaded, blocksWritten);
    }

    /** Stops the connector: a lookup in flight answers empty. */
    @Override
    public void close() {
        connector.close();
    }
}
