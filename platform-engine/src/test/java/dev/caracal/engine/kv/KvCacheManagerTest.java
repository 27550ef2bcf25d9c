package dev.caracal.engine.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.engine.kv.KvCacheManager.CachedPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Cached prefixes, allocation and refusal, freeing and rollback in {@link KvCacheManager}; chained block hashes. */
class KvCacheManagerTest {

    private static final int BLOCK = 4;
    private static final BlockHasher HASHER = new BlockHasher(new byte[] {1, 2, 3});

    private static int[] tokens(int count, int first) {
        return IntStream.range(first, first + count).toArray();
    }

    private static BlockHashChain chain(int[] tokens, String salt) {
        BlockHashChain chain = new BlockHashChain(HASHER, BLOCK, salt);
        chain.update(tokens, tokens.length);
        return chain;
    }

    @Test
    void chainedHashesDependOnParentTokensFingerprintAndSalt() {
        int[] a = tokens(8, 0);
        BlockHashChain plain = chain(a, null);
        assertThat(plain.size()).isEqualTo(2);
        assertThat(chain(a, null).get(1)).as("deterministic").isEqualTo(plain.get(1));
        assertThat(chain(a, "tenant-1").get(0)).isNotEqualTo(plain.get(0));
        assertThat(chain(a, "tenant-1").get(0)).isNotEqualTo(chain(a, "tenant-2").get(0));
        BlockHasher otherModel = new BlockHasher(new byte[] {1, 2, 4});
        BlockHashChain other = new BlockHashChain(otherModel, BLOCK, null);
        other.update(a, a.length);
        assertThat(other.get(0)).isNotEqualTo(plain.get(0));
        // Same tokens in the second block, different first block: the parent changes the second hash too.
        int[] b = a.clone();
        b[0] = 99;
        assertThat(chain(b, null).get(1)).isNotEqualTo(plain.get(1));
        assertThat(HASHER.hash(plain.get(0), a, 4, 4, new byte[0])).isEqualTo(plain.get(1));
        assertThat(HASHER.hash(BlockHasher.ROOT, a, 4, 4, new byte[0])).isNotEqualTo(plain.get(1));
        // A partial block has no hash until it fills.
        BlockHashChain growing = chain(tokens(7, 0), null);
        assertThat(growing.size()).isEqualTo(1);
        growing.update(a, 8);
        assertThat(growing.get(1)).isEqualTo(plain.get(1));
    }

    /** Runs a request over all of {@code hashes}' tokens in one step, then frees it: its full blocks stay cached. */
    private static void computeAndFree(KvCacheManager manager, BlockHashChain hashes, int tokens) {
        assertThat(manager.allocate("computed", tokens, CachedPrefix.NONE)).isTrue();
        manager.cacheFullBlocks("computed", hashes, tokens);
        manager.commitStep();
        manager.free("computed");
    }

    @Test
    void findsTheCachedPrefixButLeavesTheLastTokenToCompute() {
        KvCacheManager manager = new KvCacheManager(new BlockPool(8), BLOCK, true);
        int[] prompt = tokens(8, 0);
        BlockHashChain first = chain(prompt, null);
        assertThat(manager.cachedPrefix(first, 8)).isEqualTo(CachedPrefix.NONE);
        computeAndFree(manager, first, 8);

        // The same 8 tokens: only the first block may be reused, the last token must be computed.
        CachedPrefix same = manager.cachedPrefix(chain(prompt, null), 8);
        assertThat(same.tokens()).isEqualTo(4);
        // 9 tokens with the same first 8: both blocks.
        int[] longer = tokens(9, 0);
        CachedPrefix both = manager.cachedPrefix(chain(longer, null), 9);
        assertThat(both.tokens()).isEqualTo(8);
        assertThat(both.blocks()).extracting(KvBlock::id).containsExactly(0, 1);
        assertThat(manager.cachedPrefix(chain(longer, "salt"), 9)).isEqualTo(CachedPrefix.NONE);

        assertThat(manager.allocate("b", 9, both)).isTrue();
        manager.recordPrefixLookup(9, both);
        assertThat(manager.blockTable("b")).startsWith(0, 1).hasSize(3);
        assertThat(manager.pool().block(0).referenceCount()).isEqualTo(1);
        assertThat(manager.prefixQueryTokens()).isEqualTo(9);
        assertThat(manager.prefixHitTokens()).isEqualTo(8);
    }

    @Test
    void prefixCachingOffFindsNothing() {
        KvCacheManager manager = new KvCacheManager(new BlockPool(8), BLOCK, false);
        BlockHashChain hashes = chain(tokens(9, 0), null);
        manager.allocate("a", 9, CachedPrefix.NONE);
        manager.cacheFullBlocks("a", hashes, 9);
        assertThat(manager.pool().cachedCount()).isZero();
        assertThat(manager.cachedPrefix(hashes, 9)).isEqualTo(CachedPrefix.NONE);
    }

    @Test
    void refusesWithoutChangingAnythingWhenBlocksRunOut() {
        KvCacheManager manager = new KvCacheManager(new BlockPool(4), BLOCK, true);
        assertThat(manager.allocate("a", 12, CachedPrefix.NONE)).isTrue();
        assertThat(manager.pool().freeCount()).isEqualTo(1);
        assertThat(manager.allocate("b", 8, CachedPrefix.NONE)).isFalse();
        assertThat(manager.heldBlocks("b")).isZero();
        assertThat(manager.pool().freeCount()).isEqualTo(1);
        assertThat(manager.allocate("a", 17, CachedPrefix.NONE)).as("a fifth block for a").isFalse();
        assertThat(manager.heldBlocks("a")).isEqualTo(3);
        assertThat(manager.allocate("a", 16, CachedPrefix.NONE)).isTrue();
        assertThat(manager.blockTable("a")).containsExactly(0, 1, 2, 3);
        manager.free("a");
        assertThat(manager.pool().freeCount()).isEqualTo(4);
        assertThat(manager.pool().freeQueueIds()).as("freed last block first").containsExactly(3, 2, 1, 0);
    }

    @Test
    void aCachedPrefixSittingInTheFreeQueueCountsAgainstTheFreeBlocks() {
        KvCacheManager manager = new KvCacheManager(new BlockPool(3), BLOCK, true);
        BlockHashChain hashes = chain(tokens(9, 0), null);
        computeAndFree(manager, hashes, 9);
        CachedPrefix prefix = manager.cachedPrefix(hashes, 9);
        assertThat(prefix.blocks()).hasSize(2);
        // 2 revived blocks + 2 new ones > 3 free.
        assertThat(manager.allocate("b", 13, prefix)).isFalse();
        assertThat(manager.pool().freeCount()).isEqualTo(3);
        assertThat(manager.allocate("b", 12, prefix)).isTrue();
        assertThat(manager.pool().freeCount()).isZero();
    }

    @Test
    void rollbackForgetsTheBlocksCachedForAFailedStep() {
        KvCacheManager manager = new KvCacheManager(new BlockPool(4), BLOCK, true);
        BlockHashChain hashes = chain(tokens(9, 0), null);
        manager.allocate("a", 4, CachedPrefix.NONE);
        manager.cacheFullBlocks("a", hashes, 4);
        manager.commitStep();
        manager.allocate("a", 9, CachedPrefix.NONE);
        manager.cacheFullBlocks("a", hashes, 9);
        assertThat(manager.pool().cachedCount()).isEqualTo(2);
        manager.rollbackStep();
        assertThat(manager.pool().cachedCount()).as("only the committed block stays").isEqualTo(1);
        manager.free("a");
        assertThat(manager.cachedPrefix(hashes, 9).tokens()).isEqualTo(4);
    }

    @Test
    void importedBlocksContinueTheLocalPrefixAndWaitInTheFreeQueueAsCachedBlocks() {
        KvCacheManager manager = new KvCacheManager(new BlockPool(8), BLOCK, true);
        BlockHashChain hashes = chain(tokens(21, 0), null);
        assertThat(manager.prefixLimit(hashes, 21)).isEqualTo(5);
        computeAndFree(manager, hashes, 4); // block 0 computed here
        List<Integer> filled = new ArrayList<>();
        int imported = manager.importBlocks(hashes, 1, 3, (index, block) -> filled.add(index));
        assertThat(imported).isEqualTo(3);
        assertThat(filled).containsExactly(1, 2, 3);
        assertThat(manager.pool().usedCount()).isZero();
        assertThat(manager.pool().cachedCount()).isEqualTo(4);
        assertThat(manager.cachedPrefix(hashes, 21).tokens()).isEqualTo(16);
        // The prefix's head is evicted last; uncached blocks are taken first.
        List<Integer> queue = manager.pool().freeQueueIds();
        assertThat(queue.subList(4, 8)).containsExactly(manager.cachedPrefix(hashes, 21).blocks().reversed()
                .stream().map(KvBlock::id).toArray(Integer[]::new));
        // Blocks cached meanwhile are not imported again.
        assertThat(manager.importBlocks(hashes, 1, 4, (index, block) -> filled.add(index))).isEqualTo(1);
        assertThat(filled).endsWith(4);
    }

    @Test
    void importsNothingPastAGapAndNoMoreThanAreFree() {
        KvCacheManager manager = new KvCacheManager(new BlockPool(4), BLOCK, true);
        BlockHashChain hashes = chain(tokens(40, 0), null);
        assertThat(manager.importBlocks(hashes, 1, 2, (index, block) -> { })).as("block 0 is not cached").isZero();
        assertThat(manager.allocate("running", 8, CachedPrefix.NONE)).isTrue(); // 2 of the 4 blocks held
        assertThat(manager.importBlocks(hashes, 0, 5, (index, block) -> { })).isEqualTo(2);
        assertThat(manager.cachedPrefix(hashes, 40).tokens()).isEqualTo(8);
        assertThat(manager.heldBlocks("running")).isEqualTo(2);
    }

    @Test
    void aFailedImportLeavesNothingCached() {
        KvCacheManager manager = new KvCacheManager(new BlockPool(4), BLOCK, true);
        BlockHashChain hashes = chain(tokens(17, 0), null);
        assertThatThrownBy(() -> manager.importBlocks(hashes, 0, 3, (index, block) -> {
            if (index == 1) {
                throw new IllegalStateException("write failed");
            }
        })).hasMessage("write failed");
        assertThat(manager.pool().cachedCount()).isZero();
        assertThat(manager.pool().freeCount()).isEqualTo(4);
    }
}
