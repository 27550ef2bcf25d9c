package dev.caracal.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The worker pool: chunks claimed by the threads cover the range once, a slow thread's share goes to the others,
 * failures rethrown, nested calls inline, close ends threads.
 */
class CpuThreadPoolTest {

    record Range(int thread, int start, int end, String threadName) {
    }

    private static List<Range> record(CpuThreadPool pool, int size) {
        List<Range> ranges = Collections.synchronizedList(new ArrayList<>());
        pool.parallelFor(size, (thread, start, end) -> ranges.add(new Range(thread, start, end,
                Thread.currentThread().getName())));
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt(Range::start));
        return sorted;
    }

    @Test
    void cutsTheRangeIntoChunksThatTheThreadsClaim() {
        try (CpuThreadPool pool = new CpuThreadPool(3, "test-pool")) {
            Set<String> names = new HashSet<>();
            for (int round = 0; round < 200; round++) {
                List<Range> ranges = record(pool, 100); // chunks of 100 / (3 threads x 4) = 8
                int next = 0;
                for (Range range : ranges) {
                    assertThat(range.start()).isEqualTo(next);
                    assertThat(range.end() - range.start()).isBetween(1, 8);
                    assertThat(range.thread()).isBetween(0, 2);
                    next = range.end();
                    names.add(range.threadName());
                }
                assertThat(next).isEqualTo(100);
                assertThat(ranges).hasSize(13);
            }
            assertThat(names).contains(Thread.currentThread().getName()).isSubsetOf(
                    Thread.currentThread().getName(), "test-pool-1", "test-pool-2");
            assertThat(record(pool, 2)).extracting(Range::end).containsExactly(1, 2);
            assertThat(record(pool, 1)).containsExactly(new Range(0, 0, 1, Thread.currentThread().getName()));
            assertThat(record(pool, 0)).isEmpty();
        }
    }

    @Test
    void aSlowThreadLeavesItsShareToTheOthers() {
        try (CpuThreadPool pool = new CpuThreadPool(2, "test-pool")) {
            for (int round = 0; round < 5; round++) {
                AtomicInteger byCaller = new AtomicInteger();
                AtomicInteger total = new AtomicInteger();
                pool.parallelFor(80, (thread, start, end) -> { // chunks of 10
                    total.addAndGet(end - start);
                    if (thread == 0) {
                        byCaller.addAndGet(end - start);
                    } else {
                        try {
                            Thread.sleep(50); // a worker descheduled in the middle of its chunk
                        } catch (InterruptedException interrupted) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
                assertThat(total).hasValue(80);
                assertThat(byCaller.get()).as("indexes the caller ran while the worker was stalled")
                        .isGreaterThanOrEqualTo(60);
            }
        }
    }

    @Test
    void coversEveryIndexExactlyOnceUnderLoad() {
        try (CpuThreadPool pool = new CpuThreadPool(4, "test-pool")) {
            int[] hits = new int[1000];
            for (int round = 0; round < 500; round++) {
                int size = 1 + round % 997;
                pool.parallelFor(size, (thread, start, end) -> {
                    for (int i = start; i < end; i++) {
                        hits[i]++;
                    }
                });
                for (int i = 0; i < 1000; i++) {
                    assertThat(hits[i]).as("index %d in round %d", i, round).isEqualTo(i < size ? 1 : 0);
                }
                java.util.Arrays.fill(hits, 0);
            }
        }
    }

    /**
     * Many short calls of changing sizes, where workers often wake after their call has ended: a late worker never
     * claims work of a later call nor miscounts it (this hung within about 2,000 calls when the fields of the next call
     * could be read with the last call's claim).
     */
    @Test
    void lateWorkersNeverCorruptALaterCall() {
        try (CpuThreadPool pool = new CpuThreadPool(2, "test-pool")) {
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(120), () -> {
                java.util.concurrent.atomic.AtomicLong sum = new java.util.concurrent.atomic.AtomicLong();
                long expected = 0;
                for (int round = 0; round < 300_000; round++) {
                    int size = 1 + round % 37;
                    expected += size;
                    pool.parallelFor(size, (thread, start, end) -> sum.addAndGet(end - start));
                }
                assertThat(sum.get()).isEqualTo(expected);
            });
        }
    }

    @Test
    void rethrowsAWorkersFailureAndKeepsWorking() {
        try (CpuThreadPool pool = new CpuThreadPool(2, "test-pool")) {
            for (int round = 0; round < 50; round++) {
                AtomicInteger ran = new AtomicInteger();
                assertThatThrownBy(() -> pool.parallelFor(8, (thread, start, end) -> {
                    ran.addAndGet(end - start);
                    if (start <= 5 && 5 < end) {
                        throw new IllegalStateException("chunk broke");
                    }
                })).isInstanceOf(IllegalStateException.class).hasMessage("chunk broke");
                assertThat(ran).as("every chunk ran though one failed").hasValue(8);
            }
            AtomicInteger total = new AtomicInteger();
            pool.parallelFor(8, (thread, start, end) -> total.addAndGet(end - start));
            assertThat(total).hasValue(8);
        }
    }

    @Test
    void runsNestedCallsInline() {
        try (CpuThreadPool pool = new CpuThreadPool(2, "test-pool")) {
            AtomicInteger inner = new AtomicInteger();
            pool.parallelFor(1, (thread, start, end) -> pool.parallelFor(6,
                    (innerThread, innerStart, innerEnd) -> inner.addAndGet(innerEnd - innerStart)));
            assertThat(inner).hasValue(6);
            // From both the caller's range and the worker's range: no deadlock, every index once.
            AtomicInteger nested = new AtomicInteger();
            pool.parallelFor(2, (thread, start, end) -> pool.parallelFor(5,
                    (innerThread, innerStart, innerEnd) -> nested.addAndGet(innerEnd - innerStart)));
            assertThat(nested).hasValue(10);
        }
    }

    @Test
    void closeEndsTheWorkersAndRefusesWork() {
        CpuThreadPool pool = new CpuThreadPool(3, "closing-pool");
        pool.parallelFor(3, (thread, start, end) -> { });
        pool.close();
        assertThat(pool.terminated()).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().startsWith("closing-pool"));
        assertThatThrownBy(() -> pool.parallelFor(3, (thread, start, end) -> { }))
                .isInstanceOf(IllegalStateException.class);
    }
}
