package dev.caracal.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caracal.api.kv.KvCacheSpec;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.engine.kv.KvCacheSizing;
import java.lang.foreign.Arena;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The device memory the backend reports is what is free once the weights are loaded, so that the engine's share of
 * it for the KV cache leaves the weights (and other processes' memory) alone.
 */
class EmulatedCudaMemoryTest {

    @Test
    void theDeviceReportsItsFreeMemoryAndTheKvCacheTakesAShareOfIt() {
        Optional<EmulatedDevice> device = EmulatedDevice.open();
        assumeTrue(device.isPresent(), EmulatedDevice.unavailableReason());
        try (CudaBackend backend = new CudaBackend(device.get(), 0); Arena arena = Arena.ofConfined()) {
            long before = backend.devices().getFirst().memoryBytes();
            assertThat(before).isLessThanOrEqualTo(EmulatedDevice.MEMORY);
            long weightBytes = 3L << 20;
            backend.loadWeight("w", new long[] {1024, 768}, QuantFormat.F32, arena.allocate(weightBytes));
            long free = backend.devices().getFirst().memoryBytes();
            assertThat(free).isEqualTo(before - weightBytes);

            KvCacheSpec spec = new KvCacheSpec(2, 2, 64, 16, QuantFormat.F16);
            KvCacheSizing sizing = KvCacheSizing.resolve(0, 0.5, spec, backend, 1024);
            assertThat(sizing.blocks()).isEqualTo((int) (free / 2 / spec.bytesPerBlock()));
            assertThat(sizing.memory()).contains(String.format("%,d bytes", free));
            assertThat(backend.devices().getFirst().details()).containsEntry("blas",
                    "off (caracal.cuda.gemm-rows=0): every product in Caracal's kernels");
        }
        try (CudaBackend backend = new CudaBackend(device.get(), 32)) {
            assertThat(backend.devices().getFirst().details()).containsEntry("blas",
                    "batches of 32 rows or more, on weights dequantized to F16 or BF16");
        }
    }
}
