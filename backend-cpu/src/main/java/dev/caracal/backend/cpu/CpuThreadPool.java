package dev.caracal.backend.cpu;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of named daemon worker threads that run one {@link RangeTask} at a time over {@code [0, size)}, split
 * into one contiguous range per thread; the calling thread takes the first range and waits for the rest.
 *
 * <p>Dispatch allocates nothing: the task is a reused object, workers spin briefly and then park between tasks, and
 * completion is one atomic counter. Calls are serialized; a call made from inside a running task (on the caller or a
 * worker) runs inline on that thread.
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

    private final int threads;
    private final Worker[] workers; // [threads - 1]
    private final AtomicInteger pending = new AtomicInteger();
    private long generation;
    private volatile boolean closed;
    private RangeTask task;     // published to each worker by the volatile write of its ticket
    private int size;
    private int parts;
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
     * Runs {@code task} over {@code [0, size)} split into at most {@link #threads()} contiguous ranges of nearly equal
     * length (never more ranges than indexes) and returns when every range is done.
     *
     * @throws IllegalStateException when the pool is closed
     * @throws RuntimeException      (or Error) the first failure of any range, rethrown
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
        int parts = Math.min(threads, size);
        if (parts == 1 || running) {
            task.run(0, 0, size);
            return;
        }
        running = true;
        try {
            this.task = task;
            this.size = size;
            this.parts = parts;
            this.failure = null;
            pending.set(parts - 1);
            generation++;
            for (int i = 0; i < parts - 1; i++) {
                workers[i].ticket = generation; // publishes task, size and parts to this worker
                LockSupport.unpark(workers[i]);
            }
            try {
                task.run(0, 0, rangeStart(size, parts, 1));
            } catch (RuntimeException | Error callerFailure) {
                awaitWorkers();
                throw callerFailure;
            }
            awaitWorkers();
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

    private void awaitWorkers() {
        int spins = 0;
        while (pending.get() != 0) {
            if (++spins < 10_000) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /**
     * A worker thread: waits for its ticket to change (spinning briefly, then parked), runs its range, counts down.
     * Only the workers a call needs get a ticket, and a call returns only after they are done, so a worker never sees
     * the fields of a later call before it has finished the earlier one.
     */
    private final class Worker extends Thread {

        private final int index;
        private volatile long ticket;

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
            long seen = 0;
            while (true) {
                long spinStart = System.nanoTime();
                long current;
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
                int parts = CpuThreadPool.this.parts;
                try {
                    task.run(index, rangeStart(size, parts, index), rangeStart(size, parts, index + 1));
                } catch (Throwable error) {
                    if (failure == null) {
                        failure = error;
                    }
                } finally {
                    pending.decrementAndGet();
                }
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
