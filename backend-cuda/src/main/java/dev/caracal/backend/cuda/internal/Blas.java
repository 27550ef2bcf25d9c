package dev.caracal.backend.cuda.internal;

/**
 * Matrix products by a BLAS library on the device (cuBLAS), for batches large enough to use its tensor-core kernels:
 * column-major {@code C[m × n] = op(A) · op(B)} in float32, as {@code cublasGemmEx} computes it with float
 * accumulation, on the device's ordered stream.
 */
public interface Blas {

    /** The element type of A and B. */
    enum ElementType {
        F16,
        BF16,
        F32
    }

    /**
     * {@code C = op(A) · op(B)}: {@code op(A)} is {@code m × k}, {@code op(B)} is {@code k × n}; a matrix is stored
     * column-major with leading dimension {@code ld} (the distance between its columns), and {@code transpose} makes
     * {@code op(X) = Xᵀ}.
     */
    void multiply(boolean transposeA, boolean transposeB, int m, int n, int k, long a, int lda, long b, int ldb,
            long c, int ldc, ElementType type);
}
