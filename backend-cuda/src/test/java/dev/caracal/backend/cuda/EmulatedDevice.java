package dev.caracal.backend.cuda;

import dev.caracal.backend.cuda.internal.Blas;
import dev.caracal.backend.cuda.internal.Device;
import dev.caracal.backend.cuda.internal.KernelParameters;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Device} that runs the backend's CUDA kernel source on the CPU: {@code src/test/native/cuda_emulator.cpp}
 * compiles {@code caracal_kernels.cu} with g++ into a shared library (cached under {@code target/} by the sources'
 * hash), whose launches run every CUDA thread as a fiber; device memory is host memory that ends at an inaccessible
 * page (a read past a buffer's end stops the test JVM), {@link #MEMORY} bytes of it less what is allocated free.
 */
final class EmulatedDevice implements Device {

    private static final Path KERNELS = Path.of("src/main/resources/dev/caracal/backend/cuda/caracal_kernels.cu");
    private static final Path EMULATOR = Path.of("src/test/native/cuda_emulator.cpp");

    /** The memory the emulated device says it has, in bytes. */
    static final long MEMORY = 16L << 30;

    private final MethodHandle launch;
    private final MethodHandle failure;
    private final MethodHandle hasKernel;
    private final MethodHandle allocate;
    private final MethodHandle free;
    /** Live allocations: address → bytes. */
    private final Map<Long, Long> allocations = new ConcurrentHashMap<>();
    private final ThreadLocal<List<Runnable>> recording = new ThreadLocal<>();
    private int recordings;

    private EmulatedDevice(SymbolLookup library) {
        Linker linker = Linker.nativeLinker();
        launch = linker.downcallHandle(library.find("emulator_launch").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        failure = linker.downcallHandle(library.find("emulator_failure").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.ADDRESS));
        hasKernel = linker.downcallHandle(library.find("emulator_has_kernel").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        allocate = linker.downcallHandle(library.find("emulator_allocate").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
        free = linker.downcallHandle(library.find("emulator_free").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
    }

    /** The emulator, or why it cannot be built here (no g++). */
    static Optional<EmulatedDevice> open() {
        return library().map(path -> new EmulatedDevice(SymbolLookup.libraryLookup(path, Arena.global())));
    }

    /** Why {@link #open()} gives nothing. */
    static String unavailableReason() {
        return "no g++ on the PATH to build the CUDA emulator";
    }

    private static Optional<Path> library() {
        try {
            String kernels = Files.readString(KERNELS);
            String emulator = Files.readString(EMULATOR);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(kernels.getBytes(StandardCharsets.UTF_8));
            digest.update(emulator.getBytes(StandardCharsets.UTF_8));
            String hash = HexFormat.of().formatHex(digest.digest()).substring(0, 16);
            Path directory = Path.of("target/cuda-emulator");
            Path library = directory.resolve("libcaracal_cuda_emulator-" + hash + ".so");
            if (Files.isRegularFile(library)) {
                return Optional.of(library.toAbsolutePath());
            }
            Files.createDirectories(directory);
            Path partial = directory.resolve(library.getFileName() + ".partial");
            Process compiler;
            try {
                compiler = new ProcessBuilder("g++", "-O2", "-std=c++20", "-fno-strict-aliasing", "-shared", "-fPIC", "-I",
                        KERNELS.getParent().toString(), "-o", partial.toString(), EMULATOR.toString())
                        .redirectErrorStream(true).start();
            } catch (IOException noCompiler) {
                if ("true".equals(System.getenv("CI"))) {
                    throw new IllegalStateException("CI=true and " + unavailableReason()
                            + ": .ci/run installs Debian's g++ when it is missing", noCompiler);
                }
                return Optional.empty();
            }
            String output = new String(compiler.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!compiler.waitFor(5, TimeUnit.MINUTES) || compiler.exitValue() != 0) {
                throw new IllegalStateException("g++ could not build the CUDA emulator:\n" + output);
            }
            Files.move(partial, library);
            return Optional.of(library.toAbsolutePath());
        } catch (IOException | NoSuchAlgorithmException failure) {
            throw new IllegalStateException("building the CUDA emulator: " + failure, failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** True when the emulator has a kernel of this name. */
    boolean hasKernel(String name) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) hasKernel.invokeExact(arena.allocateFrom(name)) == 1;
        } catch (Throwable failure) {
            throw new IllegalStateException(failure);
        }
    }

    @Override
    public String name() {
        return "CUDA emulator (CPU)";
    }

    @Override
    public long totalMemory() {
        return MEMORY;
    }

    @Override
    public long freeMemory() {
        return MEMORY - allocations.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public Map<String, String> details() {
        return Map.of("emulated", "true");
    }

    @Override
    public long allocate(long bytes) {
        try {
            long address = (long) allocate.invokeExact(bytes);
            if (address == 0) {
                throw new IllegalStateException("the emulator could not allocate " + bytes + " bytes");
            }
            allocations.put(address, bytes);
            return address;
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable failure) {
            throw new IllegalStateException(failure);
        }
    }

    @Override
    public void free(long address) {
        try {
            if ((int) free.invokeExact(address) != 0 || allocations.remove(address) == null) {
                throw new IllegalStateException("freeing " + address + ", which the emulator did not allocate");
            }
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable failure) {
            throw new IllegalStateException(failure);
        }
    }

    private static MemorySegment at(long address, long bytes) {
        return MemorySegment.ofAddress(address).reinterpret(bytes);
    }

    @Override
    public void copyToDevice(MemorySegment source, long destination, long bytes) {
        copiesToDevice++;
        MemorySegment.copy(source, 0, at(destination, bytes), 0, bytes);
    }

    @Override
    public void copyToHost(long source, MemorySegment destination, long bytes) {
        MemorySegment.copy(at(source, bytes), 0, destination, 0, bytes);
    }

    @Override
    public void copyOnDevice(long source, long destination, long bytes) {
        MemorySegment.copy(at(source, bytes), 0, at(destination, bytes), 0, bytes);
    }

    @Override
    public void zero(long address, long bytes) {
        at(address, bytes).fill((byte) 0);
    }

    /**
     * Records as a CUDA graph capture does: the launches are kept, not run, and the replay runs them all. Counts the
     * recordings, so that tests can see the backend replay its steps.
     */
    @Override
    public Optional<Replay> record(Runnable launches) {
        List<Runnable> recorded = new ArrayList<>();
        recording.set(recorded);
        try {
            launches.run();
        } finally {
            recording.remove();
        }
        recordings++;
        return Optional.of(new Replay() {
            @Override
            public void run() {
                recorded.forEach(Runnable::run);
            }

            @Override
            public void close() {
                recorded.clear();
            }
        });
    }

    private int copiesToDevice;
    private int directLaunches;

    /** How many runs of launches were recorded. */
    int recordings() {
        return recordings;
    }

    @Override
    public void launch(String kernel, int gridX, int gridY, int gridZ, int blockSize, Object... arguments) {
        List<Runnable> recorded = recording.get();
        if (recorded != null) {
            recorded.add(() -> launchNow(kernel, gridX, gridY, gridZ, blockSize, arguments));
            return;
        }
        directLaunches++;
        launchNow(kernel, gridX, gridY, gridZ, blockSize, arguments);
    }

    /** How many host-to-device copies were made (each one synchronous on a GPU). */
    int copiesToDevice() {
        return copiesToDevice;
    }

    /** How many kernels were launched one by one, outside a recorded graph. */
    int directLaunches() {
        return directLaunches;
    }

    private void launchNow(String kernel, int gridX, int gridY, int gridZ, int blockSize, Object... arguments) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment parameters = KernelParameters.pack(arena, kernel, arguments);
            int result = (int) launch.invokeExact(arena.allocateFrom(kernel), gridX, gridY, gridZ, blockSize,
                    parameters);
            if (result != 0) {
                MemorySegment message = (MemorySegment) failure.invokeExact();
                throw new IllegalStateException("emulated launch of " + kernel + " failed: "
                        + message.reinterpret(1024).getString(0));
            }
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable failure) {
            throw new IllegalStateException(failure);
        }
    }

    /**
     * cuBLAS's {@code cublasGemmEx} as its documentation defines it (column-major, leading dimensions, transposes,
     * float accumulation), computed here in Java so that the tests check the arguments the backend passes.
     */
    @Override
    public Optional<Blas> blas() {
        return Optional.of(EmulatedDevice::multiply);
    }

    private static void multiply(boolean transposeA, boolean transposeB, int m, int n, int k, long a, int lda, long b,
            int ldb, long c, int ldc, Blas.ElementType type) {
        int size = type == Blas.ElementType.F32 ? 4 : 2;
        MemorySegment left = at(a, (long) lda * (transposeA ? m : k) * size);
        MemorySegment right = at(b, (long) ldb * (transposeB ? k : n) * size);
        MemorySegment result = at(c, (long) ldc * n * Float.BYTES);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                float sum = 0;
                for (int p = 0; p < k; p++) {
                    long aIndex = transposeA ? p + (long) i * lda : i + (long) p * lda;
                    long bIndex = transposeB ? j + (long) p * ldb : p + (long) j * ldb;
                    sum += element(left, aIndex, type) * element(right, bIndex, type);
                }
                result.setAtIndex(ValueLayout.JAVA_FLOAT, i + (long) j * ldc, sum);
            }
        }
    }

    private static float element(MemorySegment matrix, long index, Blas.ElementType type) {
        return switch (type) {
            case F16 -> Float.float16ToFloat(matrix.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, index));
            case BF16 -> Float.intBitsToFloat(matrix.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, index) << 16);
            case F32 -> matrix.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, index);
        };
    }

    @Override
    public void synchronize() {
        // launches run to the end before they return
    }

    @Override
    public void close() {
        // the backend frees its memory; the library stays loaded for the next test
    }
}
