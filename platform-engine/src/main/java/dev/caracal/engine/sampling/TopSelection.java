package dev.caracal.engine.sampling;

/**
 * Partial selections over candidate ids ranked by their values, without a full sort and with no allocation.
 *
 * <p>Order: larger value first, and on equal values the lower id first, so every result is deterministic.
 */
final class TopSelection {

    private TopSelection() {
    }

    /**
     * Writes into {@code out[0, k)} the {@code k} best of the candidates, best first: the ids {@code ids[0, n)}, or
     * {@code 0 .. n-1} when {@code ids} is null, ranked by {@code values[id]}. {@code out} must not be {@code ids}.
     */
    static void selectTop(float[] values, int[] ids, int n, int k, int[] out) {
        if (k <= 0) {
            return;
        }
        // out[0, size) is a heap whose root is the worst kept candidate.
        int size = 0;
        for (int j = 0; j < n; j++) {
            int id = ids == null ? j : ids[j];
            if (size < k) {
                out[size] = id;
                siftUp(values, out, size);
                size++;
            } else if (worse(values, out[0], id)) {
                out[0] = id;
                siftDown(values, out, 0, size);
            }
        }
        // Heap sort: move the worst to the end, repeatedly, leaving the best first.
        for (int end = size - 1; end > 0; end--) {
            int root = out[0];
            out[0] = out[end];
            out[end] = root;
            siftDown(values, out, 0, end);
        }
    }

    /** Whether candidate {@code a} ranks below candidate {@code b}. */
    static boolean worse(float[] values, int a, int b) {
        float va = values[a];
        float vb = values[b];
        return va < vb || (va == vb && a > b);
    }

    private static void siftUp(float[] values, int[] heap, int index) {
        int id = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (!worse(values, id, heap[parent])) {
                break;
            }
            heap[index] = heap[parent];
            index = parent;
        }
        heap[index] = id;
    }

    private static void siftDown(float[] values, int[] heap, int index, int size) {
        int id = heap[index];
        while (true) {
            int child = 2 * index + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && worse(values, heap[child + 1], heap[child])) {
                child++;
            }
            if (!worse(values, heap[child], id)) {
                break;
            }
            heap[index] = heap[child];
            index = child;
        }
        heap[index] = id;
    }

    /** Below this many candidates the nucleus search sorts by insertion. */
    private static final int SMALL = 16;

    /**
     * Rearranges {@code ids[0, n)} so that {@code ids[0, count)} is the smallest best-first prefix whose values (weights)
     * sum to at least {@code target}, and returns {@code count}: a quickselect of the boundary, expected {@code O(n)}.
     * The prefix comes out in no particular (but deterministic) order; {@code n} when rounding keeps the sum below
     * {@code target}.
     */
    static int nucleus(float[] weights, int[] ids, int n, double target) {
        int lo = 0;
        int hi = n;
        double before = 0; // the sum over ids[0, lo), all better than ids[lo, n) and still below target
        // Invariant: the boundary lies in [lo, hi); ids[lo, hi) are better than ids[hi, n).
        while (hi - lo > SMALL) {
            int pivotIndex = lo + Math.floorMod(mix(lo, hi), hi - lo);
            swap(ids, pivotIndex, hi - 1);
            int pivot = ids[hi - 1];
            int store = lo;
            double better = 0;
            for (int i = lo; i < hi - 1; i++) {
                int id = ids[i];
                if (worse(weights, pivot, id)) {
                    ids[i] = ids[store];
                    ids[store++] = id;
                    better += weights[id];
                }
            }
            swap(ids, store, hi - 1);
            // ids[lo, store) better than the pivot, now at store; ids(store, hi) worse.
            if (before + better >= target) {
                hi = store;
            } else if (before + better + weights[pivot] >= target) {
                return store + 1;
            } else {
                before += better + weights[pivot];
                lo = store + 1;
            }
        }
        for (int i = lo + 1; i < hi; i++) {
            int id = ids[i];
            int j = i - 1;
            while (j >= lo && worse(weights, ids[j], id)) {
                ids[j + 1] = ids[j];
                j--;
            }
            ids[j + 1] = id;
        }
        double cumulative = before;
        for (int i = lo; i < hi; i++) {
            cumulative += weights[ids[i]];
            if (cumulative >= target) {
                return i + 1;
            }
        }
        return hi; // rounding kept the sum below target: everything that could be the boundary
    }

    /** A well-spread deterministic pivot choice, so that no input order makes the quickselect quadratic in practice. */
    private static int mix(int lo, int hi) {
        long h = lo * 0x9E3779B97F4A7C15L + hi * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        h ^= h >>> 29;
        return (int) h;
    }

    private static void swap(int[] ids, int a, int b) {
        int t = ids[a];
        ids[a] = ids[b];
        ids[b] = t;
    }
}
