package dev.caracal.backend.cuda.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link Device} on a real GPU through the CUDA driver: the device's primary context (made current on each thread
 * that calls), the kernel source compiled by NVRTC for its architecture and loaded as one module, and work issued to
 * the legacy default stream, so that each copy or launch follows the one before. Safe to call from several threads.
 */
public final class CudaDevice implements Device {

    private static final System.Logger LOG = System.getLogger(CudaDevice.class.getName());

    private final CudaDriver driver;
    private final int ordinal;
    private final String name;
    private final long totalMemory;
    private final Map<String, String> details;
    private final CudaContext context;
    private final CudaModule module;
    /** Live allocations: address → bytes. */
    private final Map<Long, Long> allocations = new ConcurrentHashMap<>();
    /** The stream this thread is capturing into a graph, if it is. */
    private final ThreadLocal<CudaStream> capturing = new ThreadLocal<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** cuBLAS, once {@link #blas()} looked for it: empty where it is not installed or would not load. */
    private Optional<Cublas> cublas;

    /**
     * Opens device {@code ordinal} and loads {@code source} (named {@code fileName} in compiler messages) compiled by
     * {@code compiler} for its architecture.
     */
    CudaDevice(CudaDriver driver, KernelCompiler compiler, int ordinal, String source, String fileName) {
        this.driver = driver;
        this.ordinal = ordinal;
        driver.initialize();
        int device = driver.device(ordinal);
        name = driver.deviceName(device);
        totalMemory = driver.deviceTotalMemory(device);
        int major = driver.deviceAttribute(device, CudaDriver.Attribute.COMPUTE_CAPABILITY_MAJOR);
        int minor = driver.deviceAttribute(device, CudaDriver.Attribute.COMPUTE_CAPABILITY_MINOR);
        String architecture = KernelCompiler.architecture(major, minor);
        int driverVersion = driver.version();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("ordinal", Integer.toString(ordinal));
        facts.put("computeCapability", major + "." + minor);
        facts.put("architecture", architecture);
        facts.put("multiprocessors", Integer.toString(driver.deviceAttribute(device,
                CudaDriver.Attribute.MULTIPROCESSOR_COUNT)));
        facts.put("memoryBandwidth", String.format(Locale.ROOT, "%.0f GB/s", memoryBandwidth(
                driver.deviceAttribute(device, CudaDriver.Attribute.MEMORY_CLOCK_RATE),
                driver.deviceAttribute(device, CudaDriver.Attribute.GLOBAL_MEMORY_BUS_WIDTH)) / 1e9));
        facts.put("l2Cache", CudaException.describeBytes(driver.deviceAttribute(device,
                CudaDriver.Attribute.L2_CACHE_SIZE)));
        facts.put("totalMemory", CudaException.describeBytes(totalMemory));
        facts.put("driverVersion", versionText(driverVersion));
        facts.put("nvrtcVersion", compiler.compilerVersion());
        details = Map.copyOf(facts);

        byte[] cubin = compiler.compile(source, fileName, architecture);
        context = CudaContext.retainPrimary(driver, device);
        try {
            module = CudaModule.load(context, cubin, fileName);
        } catch (CudaException failure) {
            context.close();
            throw new CudaException(failure.call(), failure.code(), failure.errorName(), "the CUBIN of " + fileName
                    + " from NVRTC " + compiler.compilerVersion() + " for " + architecture + ", driver CUDA "
                    + versionText(driverVersion) + " (a CUBIN needs a driver at least as new as the NVRTC that made"
                    + " it)");
        } catch (RuntimeException | Error failure) {
            context.close();
            throw failure;
        }
    }

    /**
     * Opens device {@code ordinal} with the driver and NVRTC found on this machine, caching CUBINs as
     * {@link KernelCompiler#withNvrtc} says.
     *
     * @throws IllegalStateException where the driver or NVRTC is missing
     */
    public static CudaDevice open(int ordinal, String source, String fileName) {
        Map<String, String> environment = System.getenv();
        CudaDriver driver = CudaDriver.load().orElseThrow(() -> new IllegalStateException("no "
                + NativeLibraries.DRIVER + ": the NVIDIA driver is not installed (or not on the loader's path)"));
        NativeLibraries.Search search = NativeLibraries.findNvrtc(environment);
        Nvrtc nvrtc = Nvrtc.load(search.found().orElseThrow(() -> new IllegalStateException("no libnvrtc found"
                + " (looked in " + search.lookedIn() + "; set CARACAL_NVRTC to the library)")));
        return new CudaDevice(driver, KernelCompiler.withNvrtc(nvrtc, environment), ordinal, source, fileName);
    }

    /**
     * cuBLAS from the CUDA toolkit or the {@code nvidia-cublas} wheel ({@code CARACAL_CUBLAS} names the file), loaded
     * on first use; empty, with a logged reason, where it is missing or does not load.
     */
    @Override
    public synchronized Optional<Blas> blas() {
        if (cublas == null) {
            Map<String, String> environment = System.getenv();
            NativeLibraries.Search library = NativeLibraries.findCublas(environment);
            if (library.found().isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "no libcublas found (looked in {0}): large batches multiply"
                        + " with the CUDA-core kernels (install the nvidia-cublas wheel or set CARACAL_CUBLAS)",
                        library.lookedIn());
                cublas = Optional.empty();
            } else {
                try {
                    context.makeCurrent();
                    cublas = Optional.of(Cublas.load(library.found().get(),
                            NativeLibraries.findRuntime(environment).found()));
                } catch (RuntimeException | LinkageError failure) {
                    LOG.log(System.Logger.Level.WARNING, "cuBLAS at {0} did not load ({1}): large batches multiply"
                            + " with Caracal''s own kernels", library.found().get(), failure.toString());
                    cublas = Optional.empty();
                }
            }
        }
        return cublas.map(library -> (transposeA, transposeB, m, n, k, a, lda, b, ldb, c, ldc, type) -> {
            notCapturing("multiply with cuBLAS");
            context.makeCurrent();
            library.multiply(transposeA, transposeB, m, n, k, a, lda, b, ldb, c, ldc, type);
        });
    }

    /** Bytes per second: two transfers per memory clock (kHz) over a bus of {@code busWidthBits}. */
    static double memoryBandwidth(int memoryClockKilohertz, int busWidthBits) {
        return 2.0 * memoryClockKilohertz * 1000.0 * busWidthBits / 8.0;
    }

    /** {@code 13.0} for the driver's 13000. */
    static String versionText(int version) {
        return version / 1000 + "." + version % 1000 / 10;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long totalMemory() {
        return totalMemory;
    }

    /** {@inheritDoc} {@code cuMemGetInfo}'s free bytes, which other processes' use lowers too. */
    @Override
    public long freeMemory() {
        return memoryInfo().free();
    }

    @Override
    public Map<String, String> details() {
        return details;
    }

    /** Free and total device memory, in bytes. */
    public CudaDriver.MemoryInfo memoryInfo() {
        context.makeCurrent();
        return driver.memoryInfo();
    }

    /** {@inheritDoc} A request for 0 bytes gets 1, so that each allocation has its own address. */
    @Override
    public long allocate(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot allocate " + bytes + " bytes");
        }
        notCapturing("allocate device memory");
        context.makeCurrent();
        long size = Math.max(1, bytes);
        long address = driver.allocate(size);
        allocations.put(address, size);
        try {
            driver.setBytes(address, (byte) 0, size);
        } catch (RuntimeException failure) {
            free(address);
            throw failure;
        }
        return address;
    }

    @Override
    public void free(long address) {
        notCapturing("free device memory");
        if (allocations.remove(address) == null) {
            throw new IllegalArgumentException("0x" + Long.toHexString(address) + " is not memory this device"
                    + " allocated, or it was freed already");
        }
        context.makeCurrent();
        driver.free(address);
    }

    @Override
    public void copyToDevice(MemorySegment source, long destination, long bytes) {
        checkHostRange(source, bytes);
        notCapturing("copy from the host");
        if (bytes == 0) {
            return;
        }
        context.makeCurrent();
        if (source.isNative()) {
            driver.copyHostToDevice(destination, source, bytes);
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment staging = arena.allocate(bytes, 16);
            MemorySegment.copy(source, 0, staging, 0, bytes);
            driver.copyHostToDevice(destination, staging, bytes);
        }
    }

    /** {@inheritDoc} Returns once the bytes are in {@code destination} ({@code cuMemcpyDtoH} is synchronous). */
    @Override
    public void copyToHost(long source, MemorySegment destination, long bytes) {
        checkHostRange(destination, bytes);
        notCapturing("copy to the host");
        if (bytes == 0) {
            return;
        }
        context.makeCurrent();
        if (destination.isNative()) {
            driver.copyDeviceToHost(destination, source, bytes);
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment staging = arena.allocate(bytes, 16);
            driver.copyDeviceToHost(staging, source, bytes);
            MemorySegment.copy(staging, 0, destination, 0, bytes);
        }
    }

    @Override
    public void copyOnDevice(long source, long destination, long bytes) {
        if (bytes == 0) {
            return;
        }
        context.makeCurrent();
        CudaStream stream = capturing.get();
        if (stream == null) {
            driver.copyDeviceToDevice(destination, source, bytes);
        } else {
            driver.copyDeviceToDeviceAsync(destination, source, bytes, stream.handle());
        }
    }

    @Override
    public void zero(long address, long bytes) {
        if (bytes == 0) {
            return;
        }
        context.makeCurrent();
        CudaStream stream = capturing.get();
        if (stream == null) {
            driver.setBytes(address, (byte) 0, bytes);
        } else {
            driver.setBytesAsync(address, (byte) 0, bytes, stream.handle());
        }
    }

    /** {@inheritDoc} An unknown kernel name is an {@link IllegalArgumentException} naming it. */
    @Override
    public void launch(String kernel, int gridX, int gridY, int gridZ, int blockSize, Object... arguments) {
        if (gridX <= 0 || gridY <= 0 || gridZ <= 0 || blockSize <= 0) {
            throw new IllegalArgumentException("kernel " + kernel + " launched on a " + gridX + "×" + gridY + "×"
                    + gridZ + " grid of " + blockSize + "-thread blocks: every size must be positive");
        }
        CudaFunction function = module.function(kernel);
        context.makeCurrent();
        CudaStream stream = capturing.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment parameters = KernelParameters.pack(arena, kernel, arguments);
            driver.launchKernel(function, gridX, gridY, gridZ, blockSize, 1, 1, 0,
                    stream == null ? MemorySegment.NULL : stream.handle(), parameters);
        }
    }

    /** {@inheritDoc} A CUDA graph captured by {@link #capture}; empty, with a logged reason, where capture fails. */
    @Override
    public Optional<Replay> record(Runnable launches) {
        CudaGraphExec graph;
        try {
            graph = capture(launches);
        } catch (CudaException failure) {
            LOG.log(System.Logger.Level.WARNING, "a CUDA graph could not be captured ({0}); the step runs launch by"
                    + " launch", failure.getMessage());
            return Optional.empty();
        }
        return Optional.of(new Replay() {
            @Override
            public void run() {
                graph.launch();
            }

            @Override
            public void close() {
                graph.close();
            }
        });
    }

    /**
     * Captures the launches, device copies and zeroing that {@code step} issues on this thread into a graph, which one
     * {@link CudaGraphExec#launch()} then replays on the legacy default stream. Copies to or from the host,
     * allocation and synchronization cannot be captured and throw.
     */
    public CudaGraphExec capture(Runnable step) {
        notCapturing("capture a graph");
        context.makeCurrent();
        try (CudaStream stream = CudaStream.createNonBlocking(context)) {
            stream.beginCapture();
            capturing.set(stream);
            try {
                step.run();
            } catch (RuntimeException | Error failure) {
                capturing.remove();
                try {
                    stream.endCapture().close();
                } catch (RuntimeException ended) {
                    failure.addSuppressed(ended);
                }
                throw failure;
            }
            capturing.remove();
            try (CudaGraph graph = stream.endCapture()) {
                return graph.instantiate();
            }
        }
    }

    /** An event for timing work on the legacy default stream. */
    public CudaEvent createEvent() {
        return CudaEvent.create(context);
    }

    @Override
    public void synchronize() {
        notCapturing("synchronize");
        context.synchronize();
    }

    /** Frees this device's allocations, unloads the module and releases the primary context; once only. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = null;
        try {
            context.makeCurrent();
            for (Long address : allocations.keySet()) {
                allocations.remove(address);
                driver.free(address);
            }
        } catch (RuntimeException freeing) {
            failure = freeing;
        }
        try {
            synchronized (this) {
                if (cublas != null && cublas.isPresent()) {
                    context.makeCurrent();
                    cublas.get().close();
                }
            }
        } catch (RuntimeException destroying) {
            failure = accumulate(failure, destroying);
        }
        try {
            module.close();
        } catch (RuntimeException unloading) {
            failure = accumulate(failure, unloading);
        }
        try {
            context.close();
        } catch (RuntimeException releasing) {
            failure = accumulate(failure, releasing);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException accumulate(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    private void notCapturing(String what) {
        if (capturing.get() != null) {
            throw new IllegalStateException("cannot " + what + " while capturing a CUDA graph on device " + ordinal
                    + "; do it before or after the captured step");
        }
    }

    private static void checkHostRange(MemorySegment host, long bytes) {
        if (bytes < 0 || bytes > host.byteSize()) {
            throw new IllegalArgumentException("cannot copy " + bytes + " bytes with a host segment of "
                    + host.byteSize() + " bytes");
        }
    }
}
