package dev.caracal.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.engine.api.Priority;
import dev.caracal.engine.kv.BlockHashChain;
import dev.caracal.engine.kv.BlockHasher;
import dev.caracal.engine.kv.BlockPool;
import dev.caracal.engine.kv.KvCacheManager;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Token budget, decodes first, chunked prefill, priority classes and preemption, without a model. */
class SchedulerTest {

    private static final int BLOCK = 4;
    private static final BlockHasher HASHER = new BlockHasher(new byte[] {42});

    private KvCacheManager kv;

    private Scheduler scheduler(int blocks, int budget, int maxSequences, RequestState... requests) {
        kv = new KvCacheManager(new BlockPool(blocks), BLOCK, true);
        Scheduler scheduler = new Scheduler(new SchedulerConfig(budget, maxSequences), kv);
        for (RequestState request : requests) {
            scheduler.add(request);
        }
        return scheduler;
    }

    private static RequestState request(String id, int promptLength, Priority priority) {
        int[] prompt = IntStream.range(0, promptLength).map(i -> id.hashCode() * 31 + i & 0xffff).toArray();
        return new RequestState(id, prompt, priority, new BlockHashChain(HASHER, BLOCK, null));
    }

    private static RequestState request(String id, int promptLength) {
        return request(id, promptLength, Priority.INTERACTIVE);
    }

    /** Completes the step as the engine does: tokens computed, a token sampled for each request that needs one. */
    private static void run(Scheduler scheduler, SchedulerOutput output) {
        scheduler.completeStep(output);
        for (ScheduledRequest part : output.scheduled()) {
            if (part.needsLogits()) {
                part.request().appendToken(7);
            }
        }
    }

    private static String describe(SchedulerOutput output) {
        StringBuilder text = new StringBuilder();
        for (ScheduledRequest part : output.scheduled()) {
            text.append(text.isEmpty() ? "" : " ").append(part.request().requestId()).append(':')
                    .append(part.tokenCount()).append(part.needsLogits() ? "*" : "");
        }
        return text.toString();
    }

    @Test
    void spendsTheTokenBudgetAndChunksPrefill() {
        RequestState a = request("a", 10);
        RequestState b = request("b", 10);
        RequestState c = request("c", 10);
        Scheduler scheduler = scheduler(64, 16, 8, a, b, c);
        SchedulerOutput first = scheduler.schedule();
        assertThat(describe(first)).isEqualTo("a:10* b:6");
        assertThat(first.totalTokens()).isEqualTo(16);
        assertThat(scheduler.runningCount()).isEqualTo(2);
        assertThat(scheduler.waitingCount()).isEqualTo(1);
        run(scheduler, first);
        assertThat(a.numComputedTokens()).isEqualTo(10);
        assertThat(a.numTokens()).isEqualTo(11);
        assertThat(b.numComputedTokens()).isEqualTo(6);
        // Decodes first, then the running prefill chunk, then the new request with what is left.
        SchedulerOutput second = scheduler.schedule();
        assertThat(describe(second)).isEqualTo("a:1* b:4* c:10*");
        run(scheduler, second);
        assertThat(describe(scheduler.schedule())).isEqualTo("a:1* b:1* c:1*");
    }

    @Test
    void aLongPromptIsPrefilledInChunksAndSampledAfterTheLast() {
        Scheduler scheduler = scheduler(64, 16, 8);
        RequestState a = request("a", 40);
        scheduler.add(a);
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            SchedulerOutput output = scheduler.schedule();
            steps.append(describe(output)).append(';');
            run(scheduler, output);
        }
        assertThat(steps.toString()).isEqualTo("a:16;a:16;a:8*;a:1*;");
    }

    @Test
    void decodesGoBeforeANewLongPrompt() {
        Scheduler scheduler = scheduler(64, 8, 8, request("a", 3));
        run(scheduler, scheduler.schedule());
        scheduler.add(request("b", 30));
        assertThat(describe(scheduler.schedule())).isEqualTo("a:1* b:7");
    }

    @Test
    void servesInteractiveBeforeBatchAndFirstComeFirstServedWithinAClass() {
        Scheduler scheduler = scheduler(64, 100, 2);
        scheduler.add(request("batch-1", 4, Priority.BATCH));
        scheduler.add(request("interactive-1", 4));
        scheduler.add(request("batch-2", 4, Priority.BATCH));
        scheduler.add(request("interactive-2", 4));
        SchedulerOutput output = scheduler.schedule();
        assertThat(describe(output)).isEqualTo("interactive-1:4* interactive-2:4*");
        scheduler.finish(output.scheduled().get(0).request());
        run(scheduler, output);
        assertThat(describe(scheduler.schedule())).isEqualTo("interactive-2:1* batch-1:4*");
    }

    @Test
    void preemptsTheLowestPriorityLatestArrivalAndRecomputesIt() {
        // 6 blocks of 4 tokens; three prompts of 8 tokens hold 2 blocks each, and their decodes need a third.
        RequestState early = request("early", 8, Priority.BATCH);
        RequestState late = request("late", 8, Priority.BATCH);
        RequestState interactive = request("interactive", 8);
        Scheduler scheduler = scheduler(6, 100, 8, early, late, interactive);
        SchedulerOutput first = scheduler.schedule();
        assertThat(describe(first)).isEqualTo("interactive:8* early:8* late:8*");
        run(scheduler, first);
        assertThat(kv.pool().freeCount()).isZero();

        // The interactive request, though it arrived last, preempts the latest batch request; that frees enough.
        SchedulerOutput second = scheduler.schedule();
        assertThat(second.preempted()).containsExactly(late);
        assertThat(describe(second)).isEqualTo("interactive:1* early:1*");
        assertThat(late.status()).isEqualTo(RequestState.Status.WAITING);
        assertThat(late.numComputedTokens()).isZero();
        assertThat(late.numTokens()).as("generated tokens are kept").isEqualTo(9);
        assertThat(late.preemptions()).isEqualTo(1);
        assertThat(scheduler.preemptions()).isEqualTo(1);
        run(scheduler, second);

        // Once blocks are free again the preempted request recomputes prompt and generated token, then samples.
        scheduler.finish(interactive);
        SchedulerOutput third = scheduler.schedule();
        assertThat(third.preempted()).isEmpty();
        assertThat(describe(third)).isEqualTo("early:1* late:9*");
        assertThat(third.scheduled().get(1).firstToken()).as("its cached blocks were evicted").isZero();
    }

    /** A scheduler of {@code blocks} blocks whose requests have each run their first step together. */
    private Scheduler afterFirstStep(int blocks, RequestState... requests) {
        Scheduler scheduler = scheduler(blocks, 100, 8, requests);
        run(scheduler, scheduler.schedule());
        return scheduler;
    }

    @Test
    void theLastRequestInOrderPreemptsItselfWhenItCannotGrow() {
        RequestState x = request("x", 5);
        RequestState y = request("y", 8);
        Scheduler scheduler = afterFirstStep(4, x, y);
        // x still has room in its second block; y needs a third, and it is the one preempted.
        SchedulerOutput output = scheduler.schedule();
        assertThat(output.preempted()).containsExactly(y);
        assertThat(describe(output)).isEqualTo("x:1*");
        assertThat(kv.pool().usedCount()).isEqualTo(2);
    }

    @Test
    void admitsNoWaitingRequestInAStepThatPreempted() {
        Scheduler scheduler = afterFirstStep(4, request("a", 8), request("b", 8));
        scheduler.add(request("c", 1));
        SchedulerOutput output = scheduler.schedule();
        assertThat(output.preempted()).extracting(RequestState::requestId).containsExactly("b");
        assertThat(describe(output)).isEqualTo("a:1*");
        assertThat(scheduler.waitingCount()).isEqualTo(2);
    }

    @Test
    void aRequestWithACachedPrefixStartsAfterIt() {
        RequestState first = request("same", 10);
        Scheduler scheduler = afterFirstStep(16, first);
        scheduler.finish(first);
        RequestState second = request("same", 10);
        scheduler.add(second);
        SchedulerOutput output = scheduler.schedule();
        assertThat(output.scheduled().getFirst().firstToken()).isEqualTo(8);
        assertThat(describe(output)).isEqualTo("same:2*");
        assertThat(second.numCachedTokens()).isEqualTo(8);
        assertThat(kv.prefixHitTokens()).isEqualTo(8);
        assertThat(kv.prefixQueryTokens()).isEqualTo(20);
    }

    @Test
    void finishingFreesTheBlocks() {
        RequestState a = request("a", 9);
        RequestState waiting = request("w", 3);
        Scheduler scheduler = afterFirstStep(8, a);
        scheduler.add(waiting);
        assertThat(kv.pool().usedCount()).isEqualTo(3);
        scheduler.finish(a);
        scheduler.finish(waiting);
        assertThat(kv.pool().usedCount()).isZero();
        assertThat(scheduler.hasRequests()).isFalse();
        assertThat(a.status()).isEqualTo(RequestState.Status.FINISHED);
    }
}
