package dev.caracal.app.server;

import dev.caracal.api.backend.Availability;
import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendProvider;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.kernel.AttentionKernel;
import dev.caracal.api.kv.AttentionBatch;
import dev.caracal.api.kv.KvCache;
import dev.caracal.api.tensor.Tensor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Test backends over the {@code reference} backend, never chosen automatically (lowest score): {@code faulty}, whose
 * attention throws in any model step where a sequence reaches a context of exactly {@link #POISON} tokens (a request
 * whose prompt is that long fails in its first step, every other request runs normally), {@code slow}, whose
 * every model step takes at least {@link #SLOW_STEP_MILLIS} ms, and {@code gated}, which opens, and runs model steps,
 * only when a test lets it (a model that loads and warms up as slowly as a test likes).
 */
public final class FaultyBackendProvider implements BackendProvider {

    /** The context length that makes a model step of the {@code faulty} backend fail. */
    public static final int POISON = 97;
    /** The least time a model step of the {@code slow} backend takes. */
    public static final int SLOW_STEP_MILLIS = 20;

    private final String name;

    public FaultyBackendProvider() {
        this("faulty");
    }

    FaultyBackendProvider(String name) {
        this.name = name;
    }

    /** The {@code slow} backend. */
    public static final class Slow implements BackendProvider {
        private final FaultyBackendProvider provider = new FaultyBackendProvider("slow");

        @Override
        public String name() {
            return provider.name();
        }

        @Override
        public Availability probe() {
            return provider.probe();
        }

        @Override
        public int score() {
            return provider.score();
        }

        @Override
        public Backend open(BackendOptions options) {
            return provider.open(options);
        }
    }

    /**
     * The {@code gated} backend: once a test has {@link #close closed} its gate, {@link #open} waits until the test
     * {@link #release releases} it, and once a test has {@link #holdSteps held} its steps, a model step (the warm-up's
     * first) waits until the test {@link #releaseSteps releases} them; otherwise (the other tests,
     * {@code caracal backends}) it opens and runs at once.
     */
    public static final class Gated implements BackendProvider {
        private static volatile CountDownLatch gate = new CountDownLatch(0);
        private static volatile CountDownLatch steps = new CountDownLatch(0);
        private static volatile CountDownLatch stepWaiting = new CountDownLatch(1);

        /** From now on the backend does not open until {@link #release}. */
        public static void close() {
            gate = new CountDownLatch(1);
        }

        /** Lets the backend open. */
        public static void release() {
            gate.countDown();
        }

        /** From now on model steps wait until {@link #releaseSteps}. */
        public static void holdSteps() {
            stepWaiting = new CountDownLatch(1);
            steps = new CountDownLatch(1);
        }

        /** Lets the model steps run. */
        public static void releaseSteps() {
            steps.countDown();
        }

        /** Waits, at most {@code timeout}, until a model step is held; whether one is. */
        public static boolean awaitHeldStep(java.time.Duration timeout) throws InterruptedException {
            return stepWaiting.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        static void step() {
            stepWaiting.countDown();
            await(steps);
        }

        private static void await(CountDownLatch latch) {
            try {
                latch.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while held", interrupted);
            }
        }

        private final FaultyBackendProvider provider = new FaultyBackendProvider("gated");

        @Override
        public String name() {
            return provider.name();
        }

        @Override
        public Availability probe() {
            return provider.probe();
        }

        @Override
        public int score() {
            return provider.score();
        }

        @Override
        public Backend open(BackendOptions options) {
            await(gate);
            return provider.open(options);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Availability probe() {
        return Availability.available(Map.of());
    }

    @Override
    public int score() {
        return Integer.MIN_VALUE;
    }

    @Override
    public Backend open(BackendOptions options) {
        Backend real = BackendRegistry.open("reference", options);
        AttentionKernel attention = attention(real.attention(), name);
        // The reference backend in all but its name and its attention.
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "name" -> name;
                    case "attention" -> attention;
                    default -> {
                        try {
                            yield method.invoke(real, arguments);
                        } catch (InvocationTargetException failure) {
                            throw failure.getCause();
                        }
                    }
                });
    }

    private static AttentionKernel attention(AttentionKernel real, String name) {
        boolean slow = name.equals("slow");
        boolean gated = name.equals("gated");
        boolean faulty = name.equals("faulty");
        return new AttentionKernel() {
            @Override
            public void store(KvCache cache, int layer, Tensor keys, Tensor values, AttentionBatch batch) {
                real.store(cache, layer, keys, values, batch);
            }

            @Override
            public void attend(KvCache cache, int layer, Tensor queries, AttentionBatch batch, int queryHeads,
                    float scale, Tensor output) {
                if (gated && layer == 0) {
                    Gated.step();
                } else if (slow && layer == 0) {
                    try {
                        Thread.sleep(SLOW_STEP_MILLIS);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                } else if (faulty && Arrays.stream(batch.contextLength()).anyMatch(length -> length == POISON)) {
                    throw new IllegalStateException("injected fault at a context of " + POISON + " tokens");
                }
                real.attend(cache, layer, queries, batch, queryHeads, scale, output);
            }
        };
    }
}
