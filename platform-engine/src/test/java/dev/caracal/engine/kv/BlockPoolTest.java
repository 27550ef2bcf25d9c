package dev.caracal.engine.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reference counts, the LRU free queue and the hash map of {@link BlockPool}. */
class BlockPoolTest {

    private static BlockHash hash(int n) {
        return new BlockHash(n, -n);
    }

    private static List<Integer> ids(List<KvBlock> blocks) {
        return blocks.stream().map(KvBlock::id).toList();
    }

    @Test
    void allocatesFromTheHeadOfTheFreeQueueAndCountsReferences() {
        BlockPool pool = new BlockPool(4);
        List<KvBlock> first = pool.allocate(3);
        assertThat(ids(first)).containsExactly(0, 1, 2);
        assertThat(first).allSatisfy(block -> assertThat(block.referenceCount()).isEqualTo(1));
        assertThat(pool.freeCount()).isEqualTo(1);
        assertThat(pool.usedCount()).isEqualTo(3);

        pool.touch(List.of(first.get(0)));
        assertThat(first.get(0).referenceCount()).isEqualTo(2);
        pool.free(List.of(first.get(0)));
        assertThat(pool.freeCount()).as("still held once").isEqualTo(1);
        pool.free(first);
        assertThat(pool.freeCount()).isEqualTo(4);
        assertThat(pool.freeQueueIds()).containsExactly(3, 0, 1, 2);
        assertThatThrownBy(() -> pool.free(List.of(first.get(1)))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("released more often");
    }

    @Test
    void refusesMoreBlocksThanAreFree() {
        BlockPool pool = new BlockPool(2);
        pool.allocate(2);
        assertThatThrownBy(() -> pool.allocate(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 blocks asked for, 0 free");
    }

    @Test
    void evictsTheLeastRecentlyFreedCachedBlockFirst() {
        BlockPool pool = new BlockPool(4);
        List<KvBlock> blocks = pool.allocate(4);
        for (int i = 0; i < 4; i++) {
            assertThat(pool.cache(blocks.get(i), hash(i))).isTrue();
        }
        // Freed in the order 2, 0, 3, 1: that is the eviction order.
        for (int id : new int[] {2, 0, 3, 1}) {
            pool.free(List.of(blocks.get(id)));
        }
        assertThat(pool.freeQueueIds()).containsExactly(2, 0, 3, 1);
        assertThat(pool.cachedCount()).isEqualTo(4);

        // A hit on block 0 takes it off the queue; freeing it again puts it at the tail (most recently used).
        pool.touch(List.of(pool.cachedBlock(hash(0))));
        assertThat(pool.freeQueueIds()).containsExactly(2, 3, 1);
        pool.free(List.of(blocks.get(0)));
        assertThat(pool.freeQueueIds()).containsExactly(2, 3, 1, 0);

        List<KvBlock> taken = pool.allocate(2);
        assertThat(ids(taken)).containsExactly(2, 3);
        assertThat(pool.cachedBlock(hash(2))).isNull();
        assertThat(pool.cachedBlock(hash(3))).isNull();
        assertThat(pool.cachedBlock(hash(1))).isSameAs(blocks.get(1));
        assertThat(taken).allSatisfy(block -> assertThat(block.hash()).isNull());
        assertThat(pool.evictions()).isEqualTo(2);
        assertThat(pool.cachedCount()).isEqualTo(2);
    }

    @Test
    void keepsOneBlockPerHashAndForgetsOnRequest() {
        BlockPool pool = new BlockPool(3);
        List<KvBlock> blocks = pool.allocate(3);
        assertThat(pool.cache(blocks.get(0), hash(7))).isTrue();
        assertThat(pool.cache(blocks.get(1), hash(7))).as("another block under the same hash").isFalse();
        assertThat(pool.cache(blocks.get(0), hash(8))).as("a block has one hash").isFalse();
        assertThat(pool.cachedBlock(hash(7))).isSameAs(blocks.get(0));
        pool.uncache(blocks.get(0));
        assertThat(pool.cachedBlock(hash(7))).isNull();
        assertThat(blocks.get(0).hash()).isNull();
    }

    @Test
    void listsTheHashOfEveryCachedBlockHeldOrFreeUntilEvicted() {
        BlockPool pool = new BlockPool(2);
        List<KvBlock> blocks = pool.allocate(2);
        pool.cache(blocks.get(0), hash(1));
        pool.cache(blocks.get(1), hash(2));
        assertThat(pool.cachedHashes()).containsExactlyInAnyOrder(hash(1), hash(2));
        pool.free(blocks);
        assertThat(pool.cachedHashes()).as("free, still cached").containsExactlyInAnyOrder(hash(1), hash(2));
        pool.allocate(1);
        assertThat(pool.cachedHashes()).as("the block freed first is evicted").containsExactly(hash(2));
    }
}
