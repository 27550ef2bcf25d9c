package dev.caracal.cache.redis;

import dev.caracal.api.kv.KvBlockNamespace;
import dev.caracal.api.kv.KvCacheSpec;
import dev.caracal.api.tensor.QuantFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/** Models, block hashes and block bytes for the store's tests: random bits, so NaN payloads and signed zeros too. */
final class TestBlocks {

    /** Two layers, two KV heads of 8, blocks of 4 slots, F32: 1,024 bytes a block. */
    static final KvCacheSpec SMALL_F32 = new KvCacheSpec(2, 2, 8, 4, QuantFormat.F32);

    private static final AtomicLong MODELS = new AtomicLong(System.nanoTime());

    private TestBlocks() {
    }

    /** A namespace with a fingerprint no other test uses. */
    static KvBlockNamespace newModel(KvCacheSpec spec) {
        byte[] fingerprint = new byte[32];
        new Random(MODELS.incrementAndGet()).nextBytes(fingerprint);
        return new KvBlockNamespace(fingerprint, spec);
    }

    /** {@code count} distinct 16-byte block hashes. */
    static List<byte[]> hashes(int count) {
        List<byte[]> hashes = new ArrayList<>();
        Random random = new Random(MODELS.incrementAndGet());
        for (int i = 0; i < count; i++) {
            byte[] hash = new byte[16];
            random.nextBytes(hash);
            hashes.add(hash);
        }
        return hashes;
    }

    /** One block's bytes of {@code spec}, random. */
    static byte[] block(KvCacheSpec spec, long seed) {
        byte[] bytes = new byte[Math.toIntExact(spec.bytesPerBlock())];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** {@code count} blocks' bytes of {@code spec}. */
    static List<byte[]> blocks(KvCacheSpec spec, int count) {
        List<byte[]> blocks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            blocks.add(block(spec, MODELS.incrementAndGet()));
        }
        return blocks;
    }
}
