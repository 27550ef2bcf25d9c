package dev.caracal.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.api.backend.Availability;
import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.kernel.Kernels;
import dev.caracal.api.kernel.RopeSpec;
import dev.caracal.api.kv.AttentionBatch;
import dev.caracal.api.kv.KvCache;
import dev.caracal.api.kv.KvCacheSpec;
import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The CPU backend's provider, discovery, allocation-free hot path and shutdown. */
class CpuBackendTest {

    @Test
    void probeReportsTheVectorShapeAndThreads() {
        Availability availability = new CpuBackendProvider().probe();
        assertThat(availability.available()).as("%s", availability.reasons()).isTrue();
        assertThat(availability.details()).containsKeys("vectorBits", "floatLanes", "threads");
        assertThat(Integer.parseInt(availability.details().get("vectorBits"))).isGreaterThanOrEqualTo(128);
        assertThat(new CpuBackendProvider().score()).isEqualTo(100);
    }

    @Test
    void isDiscoveredThroughServiceLoaderAndPreferredOverTheReference() {
        List<BackendRegistry.Entry> entries = BackendRegistry.discover();
        assertThat(entries).extracting(entry -> entry.provider().name()).contains("cpu", "reference");
        assertThat(entries.get(0).provider().name()).isEqualTo("cpu");
        try (Backend backend = BackendRegistry.open("auto", new BackendOptions(2))) {
            assertThat(backend).isInstanceOf(CpuBackend.class);
            assertThat(((CpuBackend) backend).threads()).isEqualTo(2);
            assertThat(backend.devices().get(0).details()).containsEntry("threads", "2");
        }
    }

    @Test
    void closeStopsTheWorkerThreads() {
        CpuBackend backend = new CpuBackend(new BackendOptions(3));
        assertThat(liveWorkers()).isGreaterThanOrEqualTo(2);
        Random random = new Random(1);
        WeightTensor weight = weight(backend, QuantFormat.Q8_0, 256, 512, random);
        Tensor input = filled(backend, 1, 512, random);
        backend.kernels().matmul(weight, input, backend.allocate(1, 256));
        backend.close();
        assertThat(backend.pool().terminated()).isTrue();
        assertThatThrownBy(() -> backend.kernels().matmul(weight, input, backend.allocate(1, 256)))
                .isInstanceOf(IllegalStateException.class);
    }

    private static long liveWorkers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("caracal-cpu-")).count();
    }

    /**
     * A warm matmul (every fused format, decode and batched), RoPE, RMSNorm and attention step allocate nothing on the
     * calling thread. The JIT needs warm-up before escape analysis removes the Vector API's boxes, so the check
     * retries after more warm-up, up to a limit.
     */
    @Test
    void warmHotPathAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (CpuBackend backend = new CpuBackend(new BackendOptions(2))) {
            Random random = new Random(2);
            Kernels kernels = backend.kernels();
            QuantFormat[] formats = {QuantFormat.Q4_0, QuantFormat.Q8_0, QuantFormat.F16, QuantFormat.Q4_K,
                QuantFormat.Q6_K, QuantFormat.Q5_K, QuantFormat.F32, QuantFormat.BF16, QuantFormat.Q5_0,
                QuantFormat.IQ4_NL};
            WeightTensor[] weights = new WeightTensor[formats.length];
            for (int i = 0; i < formats.length; i++) {
                weights[i] = weight(backend, formats[i], 128, 512, random); // 65,536 multiply-adds: the parallel path
            }
            Tensor one = filled(backend, 1, 512, random);
            Tensor batch = filled(backend, 17, 512, random);
            Tensor oneOut = backend.allocate(1, 128);
            Tensor batchOut = backend.allocate(17, 128);
            WeightTensor norm = weight(backend, QuantFormat.F32, 1, 512, random);
            RopeSpec rope = new RopeSpec(64, 64, 10000, false, null);
            RopeSpec neox = new RopeSpec(64, 64, 10000, true, null);
            int[] positions = {5};
            Tensor heads = filled(backend, 1, 256, random); // 4 heads of 64
            KvCacheSpec spec = new KvCacheSpec(1, 2, 64, 16, QuantFormat.F16);
            KvCache cache = backend.allocateKvCache(spec, 8);
            AttentionBatch step = AttentionBatch.of(new int[] {1}, new int[] {40}, new int[][] {{3, 1, 6}}, 16);
            Tensor kv = filled(backend, 1, 128, random);
            Tensor attended = backend.allocate(1, 256);
            java.util.Map<String, Runnable> kernelsByName = new java.util.LinkedHashMap<>();
            for (WeightTensor weight : weights) {
                kernelsByName.put("matmul " + weight.format() + " x1", () -> kernels.matmul(weight, one, oneOut));
                kernelsByName.put("matmul " + weight.format() + " x17", () -> kernels.matmul(weight, batch, batchOut));
            }
            kernelsByName.put("rmsNorm", () -> kernels.rmsNorm(one, norm, 1e-5f, one));
            kernelsByName.put("rope", () -> kernels.rope(heads, positions, rope));
            kernelsByName.put("rope neox", () -> kernels.rope(heads, positions, neox));
            kernelsByName.put("swiglu", () -> kernels.swiglu(heads, heads, heads));
            kernelsByName.put("softmax", () -> kernels.softmax(oneOut));
            kernelsByName.put("store", () -> backend.attention().store(cache, 0, kv, kv, step));
            kernelsByName.put("attend", () -> backend.attention().attend(cache, 0, heads, step, 4, 0.125f, attended));
            Runnable hotPath = () -> kernelsByName.values().forEach(Runnable::run);
            long allocated = Long.MAX_VALUE;
            for (int attempt = 0; attempt < 60 && allocated > 1024; attempt++) { // until C2 has compiled it all
                for (int i = 0; i < 300; i++) {
                    hotPath.run();
                }
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 50; i++) {
                    hotPath.run();
                }
                allocated = threads.getCurrentThreadAllocatedBytes() - before;
            }
            // 50 rounds of 20 matmuls and 7 other kernels: under 1 KiB in all (the K-quant reference codecs, not on
            // this path, would allocate a block buffer per call; Q5_0's codec allocates nothing). On failure, say
            // which kernels allocate.
            StringBuilder perKernel = new StringBuilder();
            if (allocated > 1024) {
                for (var entry : kernelsByName.entrySet()) {
                    long before = threads.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < 50; i++) {
                        entry.getValue().run();
                    }
                    perKernel.append(entry.getKey()).append(": ")
                            .append(threads.getCurrentThreadAllocatedBytes() - before).append("; ");
                }
            }
            assertThat(allocated).as("bytes allocated by 50 warm hot-path rounds (%s)", perKernel)
                    .isLessThanOrEqualTo(1024);
        }
    }

    static WeightTensor weight(Backend backend, QuantFormat format, int rows, int columns, Random random) {
        float[] values = new float[rows * columns];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian() * 0.05f;
        }
        MemorySegment bytes = Arena.ofAuto().allocate(format.bytesFor(values.length), 64);
        QuantCodecs.of(format).quantize(values, 0, bytes, 0, values.length);
        return backend.loadWeight("w", rows == 1 ? new long[] {columns} : new long[] {rows, columns}, format, bytes);
    }

    static Tensor filled(Backend backend, int rows, int columns, Random random) {
        Tensor tensor = backend.allocate(rows, columns);
        float[] row = new float[columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                row[c] = (float) random.nextGaussian();
            }
            tensor.write(r, row, 0);
        }
        return tensor;
    }
}
