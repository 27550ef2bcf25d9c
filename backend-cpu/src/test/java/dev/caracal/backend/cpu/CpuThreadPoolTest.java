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

/** The worker pool: contiguous ranges, one per thread, failures rethrown, nested calls inline, close ends threads. */
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
    void splitsIntoContiguousRangesOnePerThread() {
        try (CpuThreadPool pool = new CpuThreadPool(3, "test-pool")) {
            for (int round = 0; round < 200; round++) {
                List<Range> ranges = record(pool, 10);
                assertThat(ranges).hasSize(3);
                assertThat(ranges).extracting(Range::start).containsExactly(0, 3, 6);
                assertThat(ranges).extracting(Range::end).containsExactly(3, 6, 10);
                assertThat(ranges).extracting(Range::thread).containsExactlyInAnyOrder(0, 1, 2);
                Set<String> names = new HashSet<>();
                ranges.forEach(range -> names.add(range.threadName()));
                assertThat(names).hasSize(3).contains(Thread.currentThread().getName(), "test-pool-1",
                        "test-pool-2");
            }
            assertThat(record(pool, 2)).extracting(Range::end).containsExactly(1, 2);
            assertThat(record(pool, 1)).containsExactly(new Range(0, 0, 1, Thread.currentThread().getName()));
            assertThat(record(pool, 0)).isEmpty();
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

    @Test
    void rethrowsAWorkersFailureAndKeepsWorking() {
        try (CpuThreadPool pool = new CpuThreadPool(2, "test-pool")) {
            assertThatThrownBy(() -> pool.parallelFor(8, (thread, start, end) -> {
                if (thread == 1) {
                    throw new IllegalStateException("worker broke");
                }
            })).isInstanceOf(IllegalStateException.class).hasMessage("worker broke");
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
