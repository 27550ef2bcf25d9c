package dev.caracal.engine.testing;

import dev.caracal.api.kv.KvBlockNamespace;
import dev.caracal.api.kv.KvBlockStore;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A {@link KvBlockStore} in a map, for engine tests without Redis: blocks are written at once (no write-behind), and a
 * test can count calls, damage what lookups return ({@link #answerWith}) or make them fail.
 */
public final class InMemoryKvBlockStore implements KvBlockStore {

    private final Map<String, byte[]> blocks = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private volatile UnaryOperator<List<byte[]>> answer = UnaryOperator.identity();

    @Override
    public List<byte[]> fetchPrefix(KvBlockNamespace namespace, List<byte[]> blockHashes) {
        lookups.incrementAndGet();
        List<byte[]> found = new ArrayList<>();
        for (byte[] hash : blockHashes) {
            byte[] block = blocks.get(key(namespace, hash));
            if (block == null) {
                break;
            }
            found.add(block.clone());
        }
        return answer.apply(found);
    }

    @Override
    public void storeLater(KvBlockNamespace namespace, byte[] blockHash, byte[] blockBytes) {
        writes.incrementAndGet();
        blocks.put(key(namespace, blockHash), blockBytes.clone());
    }

    /** Lookups from now on return {@code change} applied to what the store holds (which may throw). */
    public InMemoryKvBlockStore answerWith(UnaryOperator<List<byte[]>> change) {
        answer = change;
        return this;
    }

    /** The number of blocks held. */
    public int size() {
        return blocks.size();
    }

    /** Lookups so far. */
    public int lookups() {
        return lookups.get();
    }

    /** Blocks handed over so far. */
    public int writes() {
        return writes.get();
    }

    /** Forgets every block. */
    public void clear() {
        blocks.clear();
    }

    private static String key(KvBlockNamespace namespace, byte[] hash) {
        return namespace.fingerprintHex() + ":" + namespace.spec() + ":" + HexFormat.of().formatHex(hash);
    }

    @Override
    public void close() {
        blocks.clear();
    }
}
