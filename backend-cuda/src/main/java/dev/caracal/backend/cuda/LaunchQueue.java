package dev.caracal.backend.cuda;

import dev.caracal.backend.cuda.internal.Device;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backend's kernel launches, held until something needs their results (a read to the host, a copy, a cuBLAS
 * call, freeing memory) and then issued together. A run of launches seen before, with the same kernels, grids and
 * arguments (a decode step of the same batch size: the engine's buffers, and so the addresses, do not move), is
 * recorded the second time as a CUDA graph and replayed from then on with one call instead of hundreds of launches.
 * The per-step inputs (tokens, positions, block tables) live in fixed device buffers that {@link DeviceMemory}
 * refreshes before the replay, so a graph reads each step's own; a refresh issues the queued launches first only when
 * one of them reads the buffer, so that a decode step stays one run, one graph.
 */
final class LaunchQueue implements AutoCloseable {

    /** Runs shorter than this are issued launch by launch (single kernels of a test, small chunks between reads). */
    static final int GRAPH_MINIMUM_LAUNCHES = 16;
    /** Graphs kept, least recently used dropped first (batch sizes × attention splits in use). */
    private static final int GRAPHS_KEPT = 32;
    /** Runs remembered as seen once, waiting to be seen again. */
    private static final int RUNS_REMEMBERED = 64;

    /** One kernel launch as {@link Device#launch} takes it; equal launches have equal arguments. */
    record Launch(String kernel, int gridX, int gridY, int gridZ, int blockSize, List<Object> arguments) {
    }

    private final Device device;
    private final boolean graphs;
    private final List<Launch> pending = new ArrayList<>();
    private final Map<List<Launch>, Device.Replay> recorded = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<List<Launch>, Boolean> seenOnce = new LinkedHashMap<>(16, 0.75f, true);
    private int replays;

    /**
     * @param graphs whether to record repeated runs as graphs ({@code caracal.cuda.graphs=false} turns it off)
     */
    LaunchQueue(Device device, boolean graphs) {
        this.device = device;
        this.graphs = graphs;
    }

    /** The device the launches go to. */
    Device device() {
        return device;
    }

    /** Queues a launch ({@link Device#launch}'s arguments). */
    synchronized void launch(String kernel, int gridX, int gridY, int gridZ, int blockSize, Object... arguments) {
        pending.add(new Launch(kernel, gridX, gridY, gridZ, blockSize, List.of(arguments)));
    }

    /** True when a queued launch has an address argument in {@code [start, start + bytes)}. */
    synchronized boolean references(long start, long bytes) {
        for (Launch launch : pending) {
            for (Object argument : launch.arguments()) {
                if (argument instanceof Long address && address >= start && address - start < bytes) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when launches wait to be issued. */
    synchronized boolean hasPending() {
        return !pending.isEmpty();
    }

    /** How many runs were issued by replaying a graph. */
    synchronized int replays() {
        return replays;
    }

    /** Issues the queued launches: by a recorded graph when this run was seen before, else one by one. */
    synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Launch> run = List.copyOf(pending);
        pending.clear();
        if (graphs && run.size() >= GRAPH_MINIMUM_LAUNCHES) {
            Device.Replay replay = recorded.get(run);
            if (replay == null && seenOnce.remove(run) != null) {
                replay = device.record(() -> issue(run)).orElse(null);
                if (replay != null) {
                    recorded.put(run, replay);
                    evict(recorded, GRAPHS_KEPT, true);
                }
            } else if (replay == null) {
                seenOnce.put(run, Boolean.TRUE);
                evict(seenOnce, RUNS_REMEMBERED, false);
            }
            if (replay != null) {
                replay.run();
                replays++;
                return;
            }
        }
        issue(run);
    }

    private void issue(List<Launch> run) {
        for (Launch launch : run) {
            device.launch(launch.kernel(), launch.gridX(), launch.gridY(), launch.gridZ(), launch.blockSize(),
                    launch.arguments().toArray());
        }
    }

    private static <V> void evict(Map<List<Launch>, V> map, int keep, boolean close) {
        Iterator<Map.Entry<List<Launch>, V>> oldest = map.entrySet().iterator();
        while (map.size() > keep && oldest.hasNext()) {
            V value = oldest.next().getValue();
            oldest.remove();
            if (close) {
                ((Device.Replay) value).close();
            }
        }
    }

    /** Issues what is queued and frees the graphs. */
    @Override
    public synchronized void close() {
        flush();
        recorded.values().forEach(Device.Replay::close);
        recorded.clear();
        seenOnce.clear();
    }
}
