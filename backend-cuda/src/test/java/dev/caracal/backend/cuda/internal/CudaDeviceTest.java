package dev.caracal.backend.cuda.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CudaDevice} and {@link CudaDriver} over {@link FakeCudaLibrary}: the driver's calls run through real FFM
 * downcalls into Java upcalls, so argument types, out-pointers, kernel parameters, result checks and the owners'
 * lifecycles are exercised without a GPU.
 */
class CudaDeviceTest {

    private static final String SOURCE = "extern \"C\" __global__ void fill(float *out, int count, float value) {}";

    private final FakeCudaLibrary library = new FakeCudaLibrary();
    private final List<List<String>> compiledWith = new CopyOnWriteArrayList<>();
    private final KernelCompiler compiler = new KernelCompiler((source, fileName, options) -> {
        compiledWith.add(options);
        return ("CUBIN of " + fileName).getBytes(StandardCharsets.US_ASCII);
    }, "13.0", Optional.empty());

    @AfterEach
    void noUpcallFailed() {
        assertThat(library.upcallFailures).isEmpty();
        library.close();
    }

    private CudaDevice open() {
        return new CudaDevice(library.driver(), compiler, 0, SOURCE, "caracal_kernels.cu");
    }

    @Test
    void openingCompilesForTheDevicesArchitectureAndDescribesIt() {
        try (CudaDevice device = open()) {
            assertThat(device.name()).isEqualTo("Fake H100 80GB HBM3");
            assertThat(device.totalMemory()).isEqualTo(80L << 30);
            assertThat(device.details()).containsEntry("computeCapability", "9.0")
                    .containsEntry("architecture", "sm_90a").containsEntry("multiprocessors", "132")
                    .containsEntry("memoryBandwidth", "3352 GB/s")
                    .containsEntry("l2Cache", "50.00 MiB (52428800 bytes)")
                    .containsEntry("driverVersion", "13.0").containsEntry("nvrtcVersion", "13.0");
            assertThat(compiledWith).containsExactly(List.of("--gpu-architecture=sm_90a", "-std=c++17",
                    "-lineinfo"));
            assertThat(library.loadedImages).containsExactly("CUBIN of caracal_kernels.cu");
            assertThat(library.calls).containsSubsequence("cuInit", "cuDevicePrimaryCtxRetain", "cuCtxSetCurrent",
                    "cuModuleLoadData");
        }
    }

    @Test
    void memoryIsZeroedAtAllocationAndCopiesRoundTripFromHeapAndNativeSegments() {
        try (CudaDevice device = open(); Arena arena = Arena.ofConfined()) {
            long first = device.allocate(16);
            long second = device.allocate(16);
            MemorySegment zeros = MemorySegment.ofArray(new byte[16]).fill((byte) 7);
            device.copyToHost(first, zeros, 16);
            assertThat(zeros.toArray(ValueLayout.JAVA_BYTE)).containsOnly(0);

            float[] values = {1, 2, 3, 4};
            device.copyToDevice(MemorySegment.ofArray(values), first, 16);
            device.copyOnDevice(first, second, 16);
            MemorySegment back = arena.allocate(16);
            device.copyToHost(second, back, 16);
            assertThat(back.toArray(ValueLayout.JAVA_FLOAT)).containsExactly(values);

            device.zero(second + 8, 8);
            float[] partly = new float[4];
            device.copyToHost(second, MemorySegment.ofArray(partly), 16);
            assertThat(partly).containsExactly(1, 2, 0, 0);

            MemorySegment nativeSource = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 9, 8, 7, 6);
            device.copyToDevice(nativeSource, first, 16);
            device.copyToHost(first, MemorySegment.ofArray(partly), 16);
            assertThat(partly).containsExactly(9, 8, 7, 6);
            assertThatThrownBy(() -> device.copyToHost(first, MemorySegment.ofArray(new float[2]), 16))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes");
        }
    }

    @Test
    void aLaunchPassesEachArgumentThroughKernelParamsOnTheLegacyStream() {
        try (CudaDevice device = open()) {
            long out = device.allocate(4 * 5);
            device.launch("fill", 2, 3, 1, 128, out, 5, 2.5f);
            FakeCudaLibrary.Launch launch = library.launches.getFirst();
            assertThat(launch).isEqualTo(new FakeCudaLibrary.Launch("fill", 2, 3, 1, 128, 1, 1, 0, 0L,
                    List.of(out, 5, 2.5f), 0L));
            float[] filled = new float[5];
            device.copyToHost(out, MemorySegment.ofArray(filled), 20);
            assertThat(filled).containsOnly(2.5f);

            device.launch("mix", 1, 1, 1, 32, out, -7, -0.0f, Long.MIN_VALUE);
            assertThat(library.launches.getLast().arguments()).containsExactly(out, -7, -0.0f, Long.MIN_VALUE);
            assertThat(library.count("cuModuleGetFunction")).as("looked up once each").isEqualTo(2);
            device.launch("fill", 1, 1, 1, 32, out, 1, 1f);
            assertThat(library.count("cuModuleGetFunction")).isEqualTo(2);
        }
    }

    @Test
    void anUnknownKernelOrArgumentTypeIsAClearError() {
        try (CudaDevice device = open()) {
            assertThatThrownBy(() -> device.launch("rmsNorm", 1, 1, 1, 32))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no kernel named rmsNorm in caracal_kernels.cu");
            assertThatThrownBy(() -> device.launch("fill", 1, 1, 1, 32, 0L, 1, 2.0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("argument 2 of kernel fill is a java.lang.Double");
            assertThatThrownBy(() -> device.launch("fill", 0, 1, 1, 32, 0L, 1, 2f))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
            assertThat(library.launches).isEmpty();
        }
    }

    @Test
    void runningOutOfMemorySaysHowMuchWasAsked() {
        try (CudaDevice device = open()) {
            assertThatThrownBy(() -> device.allocate(100L << 30)).isInstanceOfSatisfying(CudaException.class,
                    failure -> {
                        assertThat(failure).hasMessage("cuMemAlloc_v2 returned 2 (CUDA_ERROR_OUT_OF_MEMORY): asked"
                                + " for 100.00 GiB (107374182400 bytes)");
                        assertThat(failure.isOutOfMemory()).isTrue();
                    });
            assertThat(device.memoryInfo()).isEqualTo(new CudaDriver.MemoryInfo(1L << 30, 1L << 30));
        }
    }

    @Test
    void freeMemoryIsWhatTheDriverSaysIsFree() {
        try (CudaDevice device = open()) {
            long address = device.allocate(1L << 20);
            assertThat(device.freeMemory()).isEqualTo((1L << 30) - (1L << 20));
            assertThat(device.totalMemory()).isEqualTo(80L << 30); // the device's, not cuMemGetInfo's
            device.free(address);
            assertThat(device.freeMemory()).isEqualTo(1L << 30);
        }
    }

    @Test
    void aFailedLaunchNamesTheKernelAndItsShape() {
        try (CudaDevice device = open()) {
            library.failNext.put("cuLaunchKernel", 701);
            assertThatThrownBy(() -> device.launch("fill", 4, 1, 1, 1024, 0L, 1, 1f))
                    .isInstanceOf(CudaException.class)
                    .hasMessage("cuLaunchKernel returned 701 (CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES): kernel fill,"
                            + " grid 4×1×1, block 1024×1×1, 0 bytes of shared memory");
        }
    }

    @Test
    void theContextIsMadeCurrentOncePerThread() throws Exception {
        try (CudaDevice device = open()) {
            device.allocate(8);
            device.synchronize();
            assertThat(library.setCurrentThreads).containsExactly(Thread.currentThread());
            Thread other = new Thread(() -> {
                device.allocate(8);
                device.allocate(8);
            });
            other.start();
            other.join();
            assertThat(library.setCurrentThreads).containsExactly(Thread.currentThread(), other);
            Thread.ofVirtual().start(() -> {
                device.allocate(8);
                device.allocate(8);
            }).join();
            assertThat(library.setCurrentThreads).as("a virtual thread sets it each call").hasSize(4);
        }
    }

    @Test
    void closingFreesEverythingOnceAndLaterCallsFail() {
        CudaDevice device = open();
        long kept = device.allocate(64);
        long freed = device.allocate(64);
        device.free(freed);
        assertThatThrownBy(() -> device.free(freed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("freed already");
        device.close();
        device.close();
        assertThat(library.liveAllocations).doesNotContainKey(kept).isEmpty();
        assertThat(library.count("cuMemFree_v2")).isEqualTo(2);
        assertThat(library.count("cuModuleUnload")).isEqualTo(1);
        assertThat(library.count("cuDevicePrimaryCtxRelease_v2")).isEqualTo(1);
        assertThatThrownBy(() -> device.allocate(8)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aCapturedStepRunsOnlyWhenItsGraphIsLaunched() {
        try (CudaDevice device = open()) {
            long out = device.allocate(16);
            long copy = device.allocate(16);
            try (CudaGraphExec step = device.capture(() -> {
                device.launch("fill", 1, 1, 1, 32, out, 4, 3f);
                device.copyOnDevice(out, copy, 16);
                device.zero(out, 4);
            })) {
                float[] values = new float[4];
                device.copyToHost(copy, MemorySegment.ofArray(values), 16);
                assertThat(values).as("nothing ran during the capture").containsOnly(0f);
                step.launch();
                device.copyToHost(copy, MemorySegment.ofArray(values), 16);
                assertThat(values).containsOnly(3f);
                device.copyToHost(out, MemorySegment.ofArray(values), 16);
                assertThat(values).containsExactly(0f, 3f, 3f, 3f);
            }
            assertThat(library.streamFlags).containsExactly(CudaDriver.CU_STREAM_NON_BLOCKING);
            assertThat(library.captureModes).containsExactly(CudaDriver.CU_STREAM_CAPTURE_MODE_THREAD_LOCAL);
            assertThat(library.instantiateFlags).containsExactly(0L);
            assertThat(library.launches.getFirst().stream()).as("captured on the capture stream").isNotZero();
            assertThat(library.calls).containsSubsequence("cuStreamBeginCapture_v2", "cuLaunchKernel",
                    "cuMemcpyDtoDAsync_v2", "cuMemsetD8Async", "cuStreamEndCapture", "cuGraphInstantiateWithFlags",
                    "cuGraphDestroy", "cuStreamDestroy_v2", "cuGraphLaunch", "cuGraphExecDestroy");
        }
    }

    @Test
    void hostCopiesCannotBeCapturedAndEndTheCapture() {
        try (CudaDevice device = open()) {
            long out = device.allocate(16);
            assertThatThrownBy(() -> device.capture(() -> device.copyToHost(out, MemorySegment.ofArray(new byte[16]),
                    16))).isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot copy to the host"
                    + " while capturing");
            assertThat(library.calls).containsSubsequence("cuStreamBeginCapture_v2", "cuStreamEndCapture",
                    "cuGraphDestroy", "cuStreamDestroy_v2");
            device.allocate(8); // no longer capturing
        }
    }

    @Test
    void eventsTimeWithTheV2FunctionOrTheOlderOne() {
        try (CudaDevice device = open(); CudaEvent start = device.createEvent(); CudaEvent end = device.createEvent()) {
            start.record();
            end.record();
            end.synchronize();
            assertThat(end.millisecondsSince(start)).isEqualTo(1.5f);
        }
        try (FakeCudaLibrary older = new FakeCudaLibrary("cuEventElapsedTime_v2");
                CudaDevice device = new CudaDevice(older.driver(), compiler, 0, SOURCE, "k.cu");
                CudaEvent start = device.createEvent(); CudaEvent end = device.createEvent()) {
            start.record();
            end.record();
            assertThat(end.millisecondsSince(start)).isEqualTo(2.5f);
        }
    }

    @Test
    void aModuleTheDriverRejectsSaysWhichNvrtcMadeIt() {
        library.failNext.put("cuModuleLoadData", 209);
        assertThatThrownBy(this::open).isInstanceOf(CudaException.class)
                .hasMessage("cuModuleLoadData returned 209 (CUDA_ERROR_NO_BINARY_FOR_GPU): the CUBIN of"
                        + " caracal_kernels.cu from NVRTC 13.0 for sm_90a, driver CUDA 13.0 (a CUBIN needs a driver at"
                        + " least as new as the NVRTC that made it)");
        assertThat(library.count("cuDevicePrimaryCtxRelease_v2")).as("the context is released").isEqualTo(1);
    }

    @Test
    void errorsAreNamedByTheDriverOrElseByTheTable() {
        CudaDriver driver = library.driver();
        assertThat(driver.errorName(100)).isEqualTo("CUDA_ERROR_NO_DEVICE");
        assertThat(driver.errorName(500)).as("cuGetErrorName failed").isEqualTo("CUDA_ERROR_NOT_FOUND");
        try (FakeCudaLibrary without = new FakeCudaLibrary("cuGetErrorName")) {
            assertThat(without.driver().errorName(218)).isEqualTo("CUDA_ERROR_INVALID_PTX");
            assertThatThrownBy(() -> new CudaDevice(without.driver(), compiler, 3, SOURCE, "k.cu"))
                    .isInstanceOf(CudaException.class)
                    .hasMessage("cuDeviceGet returned 101 (CUDA_ERROR_INVALID_DEVICE): ordinal 3");
        }
    }

    @Test
    void aFunctionTheDriverLacksFailsOnlyWhenCalled() {
        try (FakeCudaLibrary older = new FakeCudaLibrary("cuGraphInstantiateWithFlags");
                CudaDevice device = new CudaDevice(older.driver(), compiler, 0, SOURCE, "k.cu")) {
            assertThatThrownBy(() -> device.capture(() -> { })).isInstanceOf(IllegalStateException.class)
                    .hasMessage("libcuda.so.1 has no cuGraphInstantiateWithFlags: the library is older than this"
                            + " backend needs (CUDA 12 or newer)");
        }
    }

    @Test
    void theDriverListsDevicesAndItsVersion() {
        CudaDriver driver = library.driver();
        driver.initialize();
        assertThat(driver.version()).isEqualTo(13000);
        assertThat(driver.devices()).containsExactly(new CudaDriver.Device(0, "Fake H100 80GB HBM3", 80L << 30));
    }

    @Test
    void streamsCopyInOrderAndSynchronize() {
        try (CudaDevice device = open(); Arena arena = Arena.ofConfined()) {
            CudaDriver driver = library.driver();
            try (CudaContext context = CudaContext.retainPrimary(driver, 0);
                    CudaStream stream = CudaStream.createNonBlocking(context)) {
                long address = device.allocate(8);
                stream.copyToDeviceAsync(arena.allocateFrom(ValueLayout.JAVA_LONG, 42L), address, 8);
                MemorySegment back = arena.allocate(8);
                stream.copyToHostAsync(address, back, 8);
                stream.synchronize();
                assertThat(back.get(ValueLayout.JAVA_LONG, 0)).isEqualTo(42L);
                stream.close();
                stream.close();
                assertThat(library.count("cuStreamDestroy_v2")).isEqualTo(1);
                assertThatThrownBy(stream::synchronize).isInstanceOf(IllegalStateException.class);
            }
        }
    }

    /** Each call site's static types must equal its handle's type (invokeExact), so every binding is called once. */
    @Test
    void everyBoundFunctionIsCalledWithItsExactTypes() {
        try (CudaDevice device = open(); Arena arena = Arena.ofConfined()) {
            library.driver().devices();
            long address = device.allocate(16);
            device.copyToDevice(arena.allocate(16), address, 16);
            device.copyOnDevice(address, address + 8, 8);
            device.zero(address, 16);
            device.launch("fill", 1, 1, 1, 32, address, 4, 1f);
            device.copyToHost(address, arena.allocate(16), 16);
            device.memoryInfo();
            try (CudaGraphExec graph = device.capture(() -> {
                device.copyOnDevice(address, address + 8, 8);
                device.zero(address, 8);
            })) {
                graph.launch();
            }
            try (CudaEvent start = device.createEvent(); CudaEvent end = device.createEvent()) {
                start.record();
                end.record();
                end.synchronize();
                end.millisecondsSince(start);
            }
            try (CudaContext context = CudaContext.retainPrimary(library.driver(), 0);
                    CudaStream stream = CudaStream.createNonBlocking(context)) {
                stream.copyToDeviceAsync(arena.allocate(8), address, 8);
                stream.copyToHostAsync(address, arena.allocate(8), 8);
                stream.synchronize();
            }
            device.synchronize();
            device.free(address);
            assertThatThrownBy(() -> device.launch("missing", 1, 1, 1, 1)).isInstanceOf(
                    IllegalArgumentException.class);
        }
        List<String> bound = BindingSignaturesTest.functionsOf(CudaDriver.class).stream().map(NativeFunction::name)
                .toList();
        assertThat(library.upcalls).containsAll(bound);
    }

    @Test
    void bandwidthIsTwoTransfersPerClockOverTheBus() {
        assertThat(CudaDevice.memoryBandwidth(2_619_000, 5120)).isEqualTo(3.35232e12);
        assertThat(CudaDevice.versionText(12080)).isEqualTo("12.8");
    }
}
