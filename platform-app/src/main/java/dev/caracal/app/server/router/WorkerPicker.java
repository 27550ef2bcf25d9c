package dev.caracal.app.server.router;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses the worker for a request, and the order of the others to try when it fails before its first token. With the
 * {@code prefix} policy: the worker of the request's session if it has one and that worker is ready; else the worker
 * holding the most of the request's leading blocks, unless it has more than {@code maxImbalance} requests in flight
 * above the least loaded worker; ties go to the least loaded, then to the lowest KV cache use, then to the worker sent
 * the fewest distinct blocks lately (so that new prefixes spread over the workers' caches), then to chance.
 */
final class WorkerPicker {

    /** The most sessions remembered; the least recently used are forgotten first. */
    static final int MAX_SESSIONS = 100_000;

    private final RouterProperties.Policy policy;
    private final int maxImbalance;
    private final Map<String, URI> sessions = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, URI> eldest) {
                    return size() > MAX_SESSIONS;
                }
            });

    WorkerPicker(RouterProperties.Policy policy, int maxImbalance) {
        this.policy = policy;
        this.maxImbalance = maxImbalance;
    }

    /**
     * The workers ready for {@code model} in the order to try them: the chosen one first.
     *
     * @param hashes  the request's block hashes (empty when unknown)
     * @param session the request's session (null for none)
     */
    List<Worker> order(Collection<Worker> workers, String model, List<String> hashes, String session) {
        // What the order depends on is read once per worker: a worker's load changes while the list is sorted.
        List<Candidate> ready = new ArrayList<>();
        for (Worker worker : workers) {
            if (worker.serves(model)) {
                boolean prefix = policy == RouterProperties.Policy.PREFIX;
                ready.add(new Candidate(worker, worker.load(model), worker.kvCacheUsage(model),
                        prefix ? worker.cachedPrefix(model, hashes) : 0, prefix ? worker.recentBlocks() : 0));
            }
        }
        if (ready.isEmpty()) {
            return List.of();
        }
        Collections.shuffle(ready, ThreadLocalRandom.current()); // the sorts are stable: chance breaks what ties remain
        Comparator<Candidate> byLoad = Comparator.comparingInt(Candidate::load)
                .thenComparingDouble(Candidate::kvCacheUsage);
        switch (policy) {
            case RANDOM -> {
                // shuffled above
            }
            case LEAST_LOADED -> ready.sort(byLoad);
            case PREFIX -> {
                int leastLoad = ready.stream().mapToInt(Candidate::load).min().orElseThrow();
                Comparator<Candidate> byPrefix = Comparator.comparingInt(
                        (Candidate candidate) -> candidate.load() - leastLoad > maxImbalance ? 0
                                : candidate.cachedBlocks()).reversed();
                ready.sort(byPrefix.thenComparing(byLoad).thenComparingInt(Candidate::recentBlocks));
            }
            default -> throw new IllegalStateException("unknown policy " + policy);
        }
        List<Worker> order = new ArrayList<>(ready.stream().map(Candidate::worker).toList());
        if (session != null) {
            URI sticky = sessions.get(session);
            order.stream().filter(worker -> worker.base().equals(sticky)).findFirst().ifPresent(worker -> {
                order.remove(worker);
                order.addFirst(worker);
            });
        }
        return order;
    }

    /**
     * What a worker's place in the order depends on, read once.
     *
     * @param cachedBlocks     the leading blocks of the request the worker holds
     * @param recentBlocks the distinct blocks of the prompts sent to it lately
     */
    private record Candidate(Worker worker, int load, double kvCacheUsage, int cachedBlocks, int recentBlocks) {
    }

    /** Remembers that {@code session} was served by {@code worker}. */
    void served(String session, Worker worker) {
        if (session != null) {
            sessions.put(session, worker.base());
        }
    }
}
