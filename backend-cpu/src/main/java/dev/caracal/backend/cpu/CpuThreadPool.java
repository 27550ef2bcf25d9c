package dev.caracal.backend.cpu;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of named daemon worker threads that run one {@link RangeTask} at a time over {@code [0, size)}: the
 * range is cut into chunks (about {@link #CHUNKS_PER_THREAD} per thread) that the calling thread and the workers claim
 * one after another from a shared counter until none is left, so a thread that is late or descheduled (the machine's
 * cores shared with the server's other threads) leaves its chunks to the others instead of holding up the call.
 *
 * <p>Dispatch allocates nothing: the task is a reused object, workers spin briefly and then park between tasks, claiming
 * is one compare-and-set on a counter that carries the call's generation (so a worker woken for an earlier call never
 * claims work of a later one), and completion is one atomic count of indexes done. Calls are serialized; a call made
 * from inside a running task (on the caller or a worker) runs inline on that thread.
 */
public final class CpuThreadPool implements AutoCloseable {

    /** Work over a range of indexes, run by one thread. */
    @FunctionalInterface
    public interface RangeTask {

        /**
         * Does the work for indexes {@code [start, end)}.
         *
         * @param thread which thread runs it, {@code 0..threads()-1} (the caller is 0), for per-thread scratch
         */
        void run(int thread, int start, int end);
    }

    /** How long a worker spins for the next task before it parks, in nanoseconds. */
    private static final long SPIN_NANOS = 50_000;

    /** Chunks per thread a call's range is cut into: enough for the others to take over a late thread's share. */
    static final int CHUNKS_PER_THREAD = 4;

    private final int threads;
    private final Worker[] workers; // [threads - 1]
    /** The call's generation (high 32 bits) and the next index to claim (low 32 bits). */
    private final AtomicLong claims = new AtomicLong();
    /** Indexes of the current call done. */
    private final AtomicInteger done = new AtomicInteger();
    private int generation;
    private volatile boolean closed;
    private RangeTask task;     // published with size and chunk by the volatile write of claims
    private int size;
    private int chunk;
    private volatile Throwable failure;
    private boolean running;

    /** Starts {@code threads - 1} workers named {@code <name>-1, <name>-2, …}. */
    public CpuThreadPool(int threads, String name) {
        if (threads <= 0) {
            throw new IllegalArgumentException("a thread pool needs at least one thread, not " + threads);
        }
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1, name + "-" + (i + 1));
        }
        for (Thread worker : workers) {
            worker.start();
        }
    }

    /** Threads that share the work, the caller included. */
    public int threads() {
        return threads;
    }

    /** The first index of range {@code part} of {@code parts} over {@code [0, size)}; range {@code parts} ends it. */
    public static int rangeStart(int size, int parts, int part) {
        return (int) ((long) size * part / parts);
    }

    /**
     * Runs {@code task} over {@code [0, size)}, cut into chunks that the threads claim as they come, and returns when
     * every index is done. A chunk is one {@link RangeTask#run} call; a thread may run several.
     *
     * @throws IllegalStateException when the pool is closed
     * @throws RuntimeException      (or Error) the first failure of any chunk, rethrown
     */
    public void parallelFor(int size, RangeTask task) {
        if (Thread.currentThread() instanceof Worker worker && worker.pool() == this) {
            // A task of this pool asking for more parallelism: its caller holds the pool, so run inline.
            if (size > 0) {
                task.run(worker.index, 0, size);
            }
            return;
        }
        dispatch(size, task);
    }

    private synchronized void dispatch(int size, RangeTask task) {
        if (closed) {
            throw new IllegalStateException("the CPU thread pool is closed");
        }
        if (size <= 0) {
            return;
        }
        int helpers = Math.min(threads, size) - 1;
        if (helpers == 0 || running) {
            task.run(0, 0, size);
            return;
        }
        running = true;
        try {
            // Close the last call's claims before its fields change: a late worker's claim then fails.
            claims.set(((long) generation << 32) | Integer.MAX_VALUE);
            this.task = task;
            this.size = size;
            this.chunk = Math.max(1, size / (threads * CHUNKS_PER_THREAD));
            this.failure = null;
            done.set(0);
            generation++;
            claims.set((long) generation << 32); // publishes task, size and chunk; index 0
            for (int i = 0; i < helpers; i++) {
                workers[i].ticket = generation;
                LockSupport.unpark(workers[i]);
            }
            work(0, generation);
            awaitDone(size);
            Throwable workerFailure = failure;
            if (workerFailure != null) {
                failure = null;
                if (workerFailure instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (workerFailure instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(workerFailure);
            }
        } finally {
            this.task = null;
            running = false;
        }
    }

    /**
     * Claims and runs chunks of call {@code call} until none is left (or the pool has moved on to another call); a
     * chunk that fails counts as done and its failure (the first) is kept for the caller to rethrow.
     */
    private void work(int thread, int call) {
        while (true) {
            long claim = claims.get();
            if ((int) (claim >>> 32) != call) {
                return; // woken for a call that has ended
            }
            int start = (int) claim;
            int end = (int) Math.min(size, (long) start + chunk);
            if (start >= end) {
                return;
            }
            if (!claims.compareAndSet(claim, claim + (end - start))) {
                continue;
            }
            try {
                task.run(thread, start, end);
            } catch (RuntimeException | Error error) {
                if (failure == null) {
                    failure = error;
                }
            }
            done.addAndGet(end - start);
        }
    }

    private void awaitDone(int size) {
        int spins = 0;
        while (done.get() != size) {
            if (++spins < 10_000) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /**
     * A worker thread: waits for its ticket to change (spinning briefly, then parked) and claims chunks of that call.
     * The call's generation travels with every claim, so a worker that wakes late claims nothing of a later call.
     */
    private final class Worker extends Thread {

        private final int index;
        private volatile int ticket;

        Worker(int index, String name) {
            super(name);
            this.index = index;
            setDaemon(true);
        }

        CpuThreadPool pool() {
            return CpuThreadPool.this;
        }

        @Override
        public void run() {
            int seen = 0;
            while (true) {
                long spinStart = System.nanoTime();
                int current;
                while ((current = ticket) == seen && !closed) {
                    if (System.nanoTime() - spinStart < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(CpuThreadPool.this);
                    }
                }
                if (closed) {
                    return;
                }
                seen = current;
                work(index, current);
            }
        }
    }

    /** True when every worker thread has ended (after {@link #close()}). */
    public boolean terminated() {
        for (Worker worker : workers) {
            if (worker.isAlive()) {
                return false;
            }
        }
        return true;
    }

    /** Stops the workers and waits up to a second for them to end. */
    @Override
    public void close() {
        closed = true;
        for (Worker worker : workers) {
            LockSupport.unpark(worker);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        for (Worker worker : workers) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
