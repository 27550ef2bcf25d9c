package dev.caracal.engine.kv;

import java.util.ArrayList;
import java.util.List;

/**
 * The hashes of one request's full blocks, extended as its tokens grow (prompt, then generated tokens): block {@code i}
 * covers tokens {@code [i * blockSize, (i + 1) * blockSize)}. Only full blocks have a hash; a partial last block has
 * none until it fills. Not thread-safe.
 */
public final class BlockHashChain {

    private final BlockHasher hasher;
    private final int blockSize;
    private final byte[] extraKeys;
    private final List<BlockHash> hashes = new ArrayList<>();

    /**
     * @param cacheSalt a per-tenant salt that keeps this request's blocks from matching other tenants', or null
     */
    public BlockHashChain(BlockHasher hasher, int blockSize, String cacheSalt) {
        this.hasher = hasher;
        this.blockSize = blockSize;
        this.extraKeys = BlockHasher.encodeExtraKeys(cacheSalt);
    }

    /** Hashes every block of {@code tokens[0, length)} that is full and not hashed yet. */
    public void update(int[] tokens, int length) {
        int full = length / blockSize;
        for (int block = hashes.size(); block < full; block++) {
            BlockHash parent = block == 0 ? BlockHasher.ROOT : hashes.get(block - 1);
            hashes.add(hasher.hash(parent, tokens, block * blockSize, blockSize, extraKeys));
        }
    }

    /** The number of hashed (full) blocks. */
    public int size() {
        return hashes.size();
    }

    /** The hash of block {@code index}. */
    public BlockHash get(int index) {
        return hashes.get(index);
    }

    /** Tokens per block. */
    public int blockSize() {
        return blockSize;
    }
}
