package dev.caracal.engine.core;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.ForwardingBackend;
import dev.caracal.api.kernel.AttentionKernel;
import dev.caracal.api.kv.AttentionBatch;
import dev.caracal.api.kv.KvCache;
import dev.caracal.api.tensor.Tensor;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real backend whose model steps wait, at their first attention call, while it is held: a test holds it, submits
 * requests (the first step waits, the others queue for the next one), and releases it, so that the requests run
 * together however fast the machine's engine thread is.
 */
final class GatedBackend extends ForwardingBackend {

    private final AttentionKernel attention;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    GatedBackend(Backend backend) {
        super(backend);
        AttentionKernel real = backend.attention();
        this.attention = new AttentionKernel() {
            @Override
            public void store(KvCache cache, int layer, Tensor keys, Tensor values, AttentionBatch batch) {
                awaitGate();
                real.store(cache, layer, keys, values, batch);
            }

            @Override
            public void attend(KvCache cache, int layer, Tensor queries, AttentionBatch batch, int queryHeads,
                    float scale, Tensor output) {
                real.attend(cache, layer, queries, batch, queryHeads, scale, output);
            }
        };
    }

    /** Makes steps wait until {@link #release()}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    /** Lets the waiting step, and the ones after it, run. */
    void release() {
        gate.countDown();
    }

    private void awaitGate() {
        try {
            if (!gate.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the gate");
            }
        } catch (InterruptedException interruption) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interruption);
        }
    }

    @Override
    public String name() {
        return "gated-" + delegate().name();
    }

    @Override
    public AttentionKernel attention() {
        return attention;
    }
}
