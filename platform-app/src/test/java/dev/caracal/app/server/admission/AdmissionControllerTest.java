package dev.caracal.app.server.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.server.admission.AdmissionController.Reservation;
import dev.caracal.engine.api.Priority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import reactor.core.Disposable;

/** The KV-block admission gate on its own, with a clock the test moves. */
class AdmissionControllerTest {

    private static final Duration LONG = Duration.ofMinutes(1);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    /** 10 blocks of 16 tokens, context 64, 4 sequences, a queue of 3, a 10 s drain window. */
    private AdmissionController gate() {
        return new AdmissionController("m", 10, 16, 64, 4, 3, Duration.ofSeconds(10), now::get);
    }

    /** A request's outcome as it arrives: its reservation or its refusal. */
    private static final class Outcome {
        final AtomicReference<Reservation> reservation = new AtomicReference<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        Disposable subscription;

        boolean admitted() {
            return reservation.get() != null;
        }

        Refusal refusal() {
            return (Refusal) failure.get();
        }
    }

    private static Outcome admit(AdmissionController gate, int blocks, Priority priority, Duration maxWait) {
        Outcome outcome = new Outcome();
        outcome.subscription = gate.admit(blocks, 1, priority, maxWait)
                .subscribe(outcome.reservation::set, outcome.failure::set);
        return outcome;
    }

    /** Nothing reserved, running or queued. */
    private static void assertEmpty(AdmissionController gate) {
        AdmissionController.Snapshot snapshot = gate.snapshot();
        assertThat(snapshot.reservedBlocks()).isZero();
        assertThat(snapshot.runningSequences()).isZero();
        assertThat(snapshot.queuedTotal()).isZero();
    }

    @Test
    void aSequenceReservesItsPromptAndAllButItsLastTokenCappedAtTheContext() {
        AdmissionController gate = gate();
        assertThat(gate.blocksFor(1, 1)).isEqualTo(1);
        assertThat(gate.blocksFor(16, 1)).isEqualTo(1);
        assertThat(gate.blocksFor(16, 2)).isEqualTo(2);
        assertThat(gate.blocksFor(10, 1000)).isEqualTo(4);
    }

    @Test
    void admitsWhileTheBlocksFitThenQueuesFirstComeFirstServed() {
        AdmissionController gate = gate();
        Outcome first = admit(gate, 6, Priority.INTERACTIVE, LONG);
        Outcome second = admit(gate, 6, Priority.INTERACTIVE, LONG);
        Outcome third = admit(gate, 2, Priority.INTERACTIVE, LONG);
        assertThat(first.admitted()).isTrue();
        assertThat(second.admitted()).isFalse();
        assertThat(third.admitted()).as("no overtaking within a class, though it would fit").isFalse();
        assertThat(gate.snapshot().queuedTotal()).isEqualTo(2);
        assertThat(gate.snapshot().reservedBlocks()).isEqualTo(6);

        first.reservation.get().release();
        first.reservation.get().release(); // only the first release counts
        assertThat(second.admitted()).isTrue();
        assertThat(third.admitted()).isTrue();
        assertThat(gate.snapshot().reservedBlocks()).isEqualTo(8);
        second.reservation.get().release();
        third.reservation.get().release();
        assertEmpty(gate);
    }

    @Test
    void interactiveRequestsAreAdmittedBeforeBatchOnes() {
        AdmissionController gate = gate();
        Outcome running = admit(gate, 10, Priority.BATCH, LONG);
        Outcome batch = admit(gate, 4, Priority.BATCH, LONG);
        Outcome interactive = admit(gate, 8, Priority.INTERACTIVE, LONG);
        assertThat(gate.snapshot().queued()).containsEntry(Priority.INTERACTIVE, 1).containsEntry(Priority.BATCH, 1);
        running.reservation.get().release();
        assertThat(interactive.admitted()).isTrue();
        assertThat(batch.admitted()).as("waits for the interactive request ahead of it").isFalse();
        interactive.reservation.get().release();
        assertThat(batch.admitted()).isTrue();
        // An interactive request that fits goes ahead of waiting batch work.
        Outcome big = admit(gate, 7, Priority.BATCH, LONG);
        Outcome small = admit(gate, 2, Priority.INTERACTIVE, LONG);
        assertThat(big.admitted()).isFalse();
        assertThat(small.admitted()).isTrue();
    }

    @Test
    void theSequenceLimitAdmitsLikeTheBlocks() {
        AdmissionController gate = gate();
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            outcomes.add(admit(gate, 1, Priority.INTERACTIVE, LONG));
        }
        assertThat(outcomes.stream().filter(Outcome::admitted).count()).isEqualTo(4);
        outcomes.getFirst().reservation.get().release();
        assertThat(outcomes.get(4).admitted()).isTrue();
    }

    @Test
    void aFullQueueIsRefusedAtOnceAndARequestThatCanNeverFitIsInvalid() {
        AdmissionController gate = gate();
        admit(gate, 10, Priority.INTERACTIVE, LONG);
        for (int i = 0; i < 3; i++) {
            admit(gate, 1, Priority.INTERACTIVE, LONG);
        }
        Outcome refused = admit(gate, 1, Priority.INTERACTIVE, LONG);
        assertThat(refused.refusal().reason()).isEqualTo("queue_full");
        assertThat(refused.refusal().error().status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.refusal().error().headers()).containsEntry("Retry-After", "1");
        Outcome tooLarge = admit(gate, 11, Priority.INTERACTIVE, LONG);
        assertThat(tooLarge.refusal().reason()).isEqualTo("too_large");
        assertThat(tooLarge.refusal().error().status()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void aRequestThatWouldWaitLongerThanItsQueueTimeOutIsRefusedAtOnceWithRetryAfterFromTheServiceTime() {
        AdmissionController gate = gate();
        Outcome a = admit(gate, 5, Priority.INTERACTIVE, LONG);
        Outcome b = admit(gate, 5, Priority.INTERACTIVE, LONG);
        // A request of 5 blocks ends after 2 s: 0.4 s per block, and 2.5 blocks released per second.
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        a.reservation.get().release();
        Outcome c = admit(gate, 5, Priority.INTERACTIVE, LONG);
        assertThat(c.admitted()).isTrue();
        assertThat(gate.snapshot().blocksPerSecond()).isEqualTo(2.5);
        // The cache is full: b is expected to end now, c in 2 s; then a request of 10 blocks fits: 2 s, within three
        // quarters of its 3 s.
        Outcome queued = admit(gate, 10, Priority.INTERACTIVE, Duration.ofSeconds(3));
        assertThat(queued.admitted()).isFalse();
        assertThat(queued.failure.get()).isNull();
        // One of 5 behind it waits for that one to end too, 4 s later: 6 s, more than three quarters of its 4 s; back
        // in 3 s.
        Outcome refused = admit(gate, 5, Priority.INTERACTIVE, Duration.ofSeconds(4));
        assertThat(refused.refusal().reason()).isEqualTo("overloaded");
        assertThat(refused.refusal().getMessage()).contains("would wait about 6 s");
        assertThat(refused.refusal().error().headers()).containsEntry("Retry-After", "3");
        queued.subscription.dispose();
        b.reservation.get().release();
        c.reservation.get().release();
        assertEmpty(gate);
    }

    @Test
    void aRequestStillQueuedAtItsTimeOutIsRefusedAndLeavesTheQueue() throws InterruptedException {
        AdmissionController gate = gate();
        Outcome running = admit(gate, 10, Priority.INTERACTIVE, LONG);
        Outcome waiting = admit(gate, 1, Priority.INTERACTIVE, Duration.ofMillis(50));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (waiting.failure.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(waiting.refusal().reason()).isEqualTo("queue_timeout");
        assertThat(waiting.refusal().error().status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(gate.snapshot().queuedTotal()).isZero();
        running.reservation.get().release();
        assertThat(waiting.admitted()).isFalse();
        assertThat(gate.snapshot().reservedBlocks()).isZero();
    }

    @Test
    void aRequesterThatLeavesTheQueueUnblocksThoseBehindIt() {
        AdmissionController gate = gate();
        Outcome running = admit(gate, 5, Priority.INTERACTIVE, LONG);
        Outcome large = admit(gate, 8, Priority.INTERACTIVE, LONG);
        Outcome small = admit(gate, 2, Priority.INTERACTIVE, LONG);
        assertThat(small.admitted()).isFalse();
        large.subscription.dispose();
        assertThat(small.admitted()).isTrue();
        running.reservation.get().release();
        small.reservation.get().release();
        assertEmpty(gate);
    }

    @Test
    void theDrainRateCountsBusyTimeOnly() {
        long second = Duration.ofSeconds(1).toNanos();
        DrainRate rate = new DrainRate(Duration.ofSeconds(10));
        rate.busy(0);
        assertThat(rate.blocksPerSecond(5 * second)).as("nothing released yet").isEmpty();
        assertThat(rate.blocksPerSecond(10 * second)).as("a whole window without a release").hasValue(0);
        rate.idle(10 * second);
        rate.busy(100 * second);
        rate.record(6, 2, 102 * second);
        // 12 s of busy time, 6 blocks released in the last 10 of them.
        assertThat(rate.blocksPerSecond(102 * second)).hasValue(0.6);
        assertThat(rate.sequencesPerSecond(102 * second)).hasValue(0.2);
        rate.idle(102 * second);
        assertThat(rate.blocksPerSecond(3_600 * second)).as("an idle hour changes nothing").hasValue(0.6);
        rate.busy(3_600 * second);
        assertThat(rate.blocksPerSecond(3_615 * second)).as("released more than a window of work ago")
                .hasValue(0);
        DrainRate fresh = new DrainRate(Duration.ofSeconds(10));
        fresh.busy(0);
        fresh.record(3, 1, second / 2);
        assertThat(fresh.blocksPerSecond(second / 2)).as("under a second of work").isEmpty();
        assertThat(fresh.blocksPerSecond(2 * second)).hasValue(1.5);
    }

    @Test
    void aTokenBucketRefillsOverAMinuteAndTakesCorrections() {
        TokenBucket bucket = new TokenBucket(600, now::get);
        assertThat(bucket.tryTake(500)).isTrue();
        assertThat(bucket.tryTake(200)).isFalse();
        assertThat(bucket.secondsUntil(200)).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-6));
        now.addAndGet(Duration.ofSeconds(10).toNanos() + 1000);
        assertThat(bucket.tryTake(200)).isTrue();
        bucket.adjust(150); // the request used 150 fewer tokens than charged
        assertThat(bucket.available()).isBetween(149L, 150L);
        bucket.adjust(-400); // one used more
        assertThat(bucket.available()).isBetween(-251L, -250L);
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        assertThat(bucket.available()).isEqualTo(600);
    }
}
