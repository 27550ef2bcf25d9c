package dev.caracal.engine.scheduler;

import dev.caracal.engine.kv.KvCacheManager;
import dev.caracal.engine.kv.KvCacheManager.CachedPrefix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Iteration-level scheduling in the style of vLLM v1: each step spends a token budget on running decodes first, then
 * on the running requests' prefill chunks, then on waiting requests in priority order (first come first served within
 * a class), whose prompts are chunked to what the budget leaves (chunked prefill) and start after their cached prefix.
 *
 * <p>When a running request needs a block and none is free, the lowest-priority, latest-arrived running request is
 * preempted by recompute: its blocks are freed and it goes back to the waiting queue (at the front of its class, by
 * arrival) with nothing computed, to recompute its prompt and generated tokens later. A request is never failed for
 * lack of blocks; the engine refuses at submission any request that could not fit the whole cache alone. No waiting
 * request is admitted in a step that preempted.
 *
 * <p>A {@linkplain RequestState#isPaused() paused} request (its reader is not keeping up) is passed over, running or
 * waiting: it keeps its blocks and its place, and is scheduled again once the engine unpauses it.
 *
 * <p>Bookkeeping only: the scheduler never touches tensors. Not thread-safe: the engine thread owns it.
 */
public final class Scheduler {

    /** Serving order: priority class, then arrival. The last request in this order is preempted first. */
    private static final Comparator<RequestState> ORDER =
            Comparator.comparing(RequestState::priority).thenComparingLong(RequestState::arrival);

    private final SchedulerConfig config;
    private final KvCacheManager kv;
    private final List<RequestState> running = new ArrayList<>();
    private final PriorityQueue<RequestState> waiting = new PriorityQueue<>(ORDER);
    private long arrivals;
    private long preemptions;

    public Scheduler(SchedulerConfig config, KvCacheManager kv) {
        this.config = config;
        this.kv = kv;
    }

    public SchedulerConfig config() {
        return config;
    }

    /** Queues a new request. */
    public void add(RequestState request) {
        if (request.arrival() >= 0) {
            throw new IllegalArgumentException("request " + request.requestId() + " was already added");
        }
        request.arrived(arrivals++);
        waiting.add(request);
    }

    /** Requests holding blocks. */
    public int runningCount() {
        return running.size();
    }

    /** Requests in the waiting queue (new or preempted). */
    public int waitingCount() {
        return waiting.size();
    }

    /** Whether any request is running or waiting. */
    public boolean hasRequests() {
        return !running.isEmpty() || !waiting.isEmpty();
    }

    /** Preemptions so far. */
    public long preemptions() {
        return preemptions;
    }

    /** Picks the next step's requests and token ranges and allocates their blocks, preempting when blocks run out. */
    public SchedulerOutput schedule() {
        int budget = config.maxBatchedTokens();
        Map<RequestState, ScheduledRequest> scheduled = new LinkedHashMap<>();
        List<RequestState> preempted = new ArrayList<>();
        for (boolean decodes : new boolean[] {true, false}) {
            for (RequestState request : List.copyOf(running)) {
                int remaining = request.numTokens() - request.numComputedTokens();
                if (budget == 0 || request.status() != RequestState.Status.RUNNING || request.isPaused()
                        || (remaining == 1) != decodes || scheduled.containsKey(request)) {
                    continue;
                }
                int count = Math.min(remaining, budget);
                while (!kv.allocate(request.requestId(), request.numComputedTokens() + count, CachedPrefix.NONE)) {
                    RequestState victim = running.getLast();
                    ScheduledRequest unscheduled = scheduled.remove(victim);
                    if (unscheduled != null) {
                        budget += unscheduled.tokenCount();
                    }
                    preempt(victim);
                    preempted.add(victim);
                    if (victim == request) {
                        count = 0;
                        break;
                    }
                }
                if (count > 0) {
                    scheduled.put(request, scheduledPart(request, request.numComputedTokens(), count));
                    budget -= count;
                }
            }
        }
        // No preemption can undo these allocations now: their full blocks may enter the prefix cache.
        for (ScheduledRequest part : scheduled.values()) {
            cacheFullBlocks(part);
        }
        List<RequestState> pausedWaiting = new ArrayList<>();
        while (preempted.isEmpty() && budget > 0 && !waiting.isEmpty() && running.size() < config.maxSequences()) {
            RequestState request = waiting.peek();
            if (request.isPaused()) {
                pausedWaiting.add(waiting.poll());
                continue;
            }
            CachedPrefix prefix = kv.cachedPrefix(request.blockHashes(), request.numTokens());
            int count = Math.min(request.numTokens() - prefix.tokens(), budget);
            if (!kv.allocate(request.requestId(), prefix.tokens() + count, prefix)) {
                break;
            }
            kv.recordPrefixLookup(request.numTokens(), prefix);
            waiting.poll();
            request.startRunning(prefix.tokens());
            insertRunning(request);
            ScheduledRequest part = scheduledPart(request, prefix.tokens(), count);
            scheduled.put(request, part);
            cacheFullBlocks(part);
            budget -= count;
        }
        waiting.addAll(pausedWaiting);
        return new SchedulerOutput(List.copyOf(scheduled.values()), preempted, config.maxBatchedTokens() - budget);
    }

    /** The step ran: every scheduled request has its tokens computed and its newly cached blocks hold their KV. */
    public void completeStep(SchedulerOutput output) {
        for (ScheduledRequest part : output.scheduled()) {
            part.request().computed(part.tokenCount());
        }
        kv.commitStep();
    }

    /**
     * The step failed: forget the prefix-cache entries recorded for it. The caller then {@link #finish}es the step's
     * requests (nothing was computed for them).
     */
    public void failStep() {
        kv.rollbackStep();
    }

    /** Removes a request, running or waiting, and frees its blocks (finished, cancelled or failed). */
    public void finish(RequestState request) {
        if (request.status() == RequestState.Status.FINISHED) {
            return;
        }
        if (!running.remove(request)) {
            waiting.remove(request);
        }
        kv.free(request.requestId());
        request.finished();
    }

    private void preempt(RequestState victim) {
        running.remove(victim);
        kv.free(victim.requestId());
        victim.preempted();
        waiting.add(victim);
        preemptions++;
    }

    private void insertRunning(RequestState request) {
        int at = running.size();
        while (at > 0 && ORDER.compare(running.get(at - 1), request) > 0) {
            at--;
        }
        running.add(at, request);
    }

    private static ScheduledRequest scheduledPart(RequestState request, int firstToken, int count) {
        return new ScheduledRequest(request, firstToken, count, firstToken + count == request.numTokens());
    }

    private void cacheFullBlocks(ScheduledRequest part) {
        kv.cacheFullBlocks(part.request().requestId(), part.request().blockHashes(), part.endToken());
    }
}
