package dev.caracal.backend.cuda.internal;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * cuBLAS ({@code libcublas.so*}) through the FFM API: a handle, and {@code cublasGemmEx} with float32 accumulation on
 * the legacy default stream (the handle's default), so a product is ordered with the backend's kernels. cuBLAS works
 * in the context current on the calling thread; the caller makes the device's context current first.
 */
public final class Cublas implements AutoCloseable {

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final AddressLayout POINTER = ValueLayout.ADDRESS;

    static final NativeFunction CREATE = NativeFunction.of("cublasCreate_v2", INT, POINTER);
    static final NativeFunction DESTROY = NativeFunction.of("cublasDestroy_v2", INT, POINTER);
    static final NativeFunction GET_STATUS_NAME = NativeFunction.of("cublasGetStatusName", POINTER, INT);
    /**
     * {@code cublasGemmEx(handle, transa, transb, m, n, k, alpha, A, Atype, lda, B, Btype, ldb, beta, C, Ctype, ldc,
     * computeType, algo)}.
     */
    static final NativeFunction GEMM_EX = NativeFunction.of("cublasGemmEx", INT, POINTER, INT, INT, INT, INT, INT,
            POINTER, ValueLayout.JAVA_LONG, INT, INT, ValueLayout.JAVA_LONG, INT, INT, POINTER,
            ValueLayout.JAVA_LONG, INT, INT, INT, INT);

    /** {@code cublasOperation_t}. */
    static final int OPERATION_NONE = 0;
    static final int OPERATION_TRANSPOSE = 1;
    /** {@code cudaDataType_t} (library_types.h). */
    static final int CUDA_R_32F = 0;
    static final int CUDA_R_16F = 2;
    static final int CUDA_R_16BF = 14;
    /** {@code CUBLAS_COMPUTE_32F}: float32 accumulation, no down-conversion of float32 inputs. */
    static final int COMPUTE_32F = 68;
    /** {@code CUBLAS_GEMM_DEFAULT}. */
    static final int GEMM_DEFAULT = -1;

    /** {@code cublasStatus_t} names, for a library without {@code cublasGetStatusName}. */
    static final Map<Integer, String> STATUS_NAMES = Map.of(0, "CUBLAS_STATUS_SUCCESS", 1,
            "CUBLAS_STATUS_NOT_INITIALIZED", 3, "CUBLAS_STATUS_ALLOC_FAILED", 7, "CUBLAS_STATUS_INVALID_VALUE", 8,
            "CUBLAS_STATUS_ARCH_MISMATCH", 11, "CUBLAS_STATUS_MAPPING_ERROR", 13, "CUBLAS_STATUS_EXECUTION_FAILED", 14,
            "CUBLAS_STATUS_INTERNAL_ERROR", 15, "CUBLAS_STATUS_NOT_SUPPORTED", 16, "CUBLAS_STATUS_LICENSE_ERROR");

    private final MethodHandle destroy;
    private final MethodHandle statusName;
    private final MethodHandle gemmEx;
    private final MemorySegment handle;
    private final MemorySegment one;
    private final MemorySegment zero;
    private boolean closed;

    private Cublas(SymbolLookup library, String libraryName) {
        Linker linker = Linker.nativeLinker();
        MethodHandle create = CREATE.bind(linker, library, libraryName);
        destroy = DESTROY.bind(linker, library, libraryName);
        statusName = GET_STATUS_NAME.bind(linker, library, libraryName);
        gemmEx = GEMM_EX.bind(linker, library, libraryName);
        Arena arena = Arena.ofAuto();
        one = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f);
        zero = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 0f);
        try (Arena call = Arena.ofConfined()) {
            MemorySegment created = call.allocate(POINTER);
            check("cublasCreate_v2", invoke(create, created));
            handle = created.get(POINTER, 0);
        }
    }

    /**
     * Loads cuBLAS from {@code library} and creates a handle in the context current on this thread, first loading
     * the CUDA runtime and cuBLASLt it needs from {@code runtime} and the folder of {@code library} (the wheels keep
     * them in separate folders the loader does not search).
     */
    public static Cublas load(Path library, Optional<Path> runtime) {
        runtime.ifPresent(path -> SymbolLookup.libraryLookup(path.toAbsolutePath(), Arena.global()));
        Path absolute = library.toAbsolutePath();
        NativeLibraries.Search lightweight = NativeLibraries.findLibraryIn(absolute.getParent(), "libcublasLt.so");
        lightweight.found().ifPresent(path -> SymbolLookup.libraryLookup(path, Arena.global()));
        return new Cublas(SymbolLookup.libraryLookup(absolute, Arena.global()), absolute.toString());
    }

    /** {@link Blas#multiply} through {@code cublasGemmEx}: F16, BF16 or F32 operands, float32 result and sums. */
    public void multiply(boolean transposeA, boolean transposeB, int m, int n, int k, long a, int lda, long b, int ldb,
            long c, int ldc, Blas.ElementType type) {
        int dataType = switch (type) {
            case F16 -> CUDA_R_16F;
            case BF16 -> CUDA_R_16BF;
            case F32 -> CUDA_R_32F;
        };
        check("cublasGemmEx", invoke(gemmEx, handle, transposeA ? OPERATION_TRANSPOSE : OPERATION_NONE,
                transposeB ? OPERATION_TRANSPOSE : OPERATION_NONE, m, n, k, one, a, dataType, lda, b, dataType, ldb,
                zero, c, CUDA_R_32F, ldc, COMPUTE_32F, GEMM_DEFAULT));
    }

    private void check(String call, int status) {
        if (status != 0) {
            throw new CudaException(call, status, statusName(status));
        }
    }

    /** The name of a {@code cublasStatus_t}. */
    String statusName(int status) {
        try {
            MemorySegment name = (MemorySegment) statusName.invoke(status);
            if (name.address() != 0) {
                return name.reinterpret(128).getString(0);
            }
        } catch (Throwable unavailable) {
            // an older cuBLAS: use the table
        }
        return STATUS_NAMES.getOrDefault(status, "cublasStatus_t " + status);
    }

    private static int invoke(MethodHandle function, Object... arguments) {
        try {
            return (int) function.invokeWithArguments(arguments);
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable failure) {
            throw new IllegalStateException(failure);
        }
    }

    /** Destroys the handle. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            check("cublasDestroy_v2", invoke(destroy, handle));
        }
    }
}
