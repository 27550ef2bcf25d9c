package dev.caracal.backend.cuda.internal;

/**
 * A CUDA driver or NVRTC call that did not return success: names the call, the error's number and its name
 * ({@code cuInit returned 100 (CUDA_ERROR_NO_DEVICE)}).
 */
public final class CudaException extends RuntimeException {

    private final String call;
    private final int code;
    private final String errorName;

    public CudaException(String call, int code, String errorName) {
        super(call + " returned " + code + " (" + errorName + ")");
        this.call = call;
        this.code = code;
        this.errorName = errorName;
    }

    /** The call that failed. */
    public String call() {
        return call;
    }

    /** The CUresult or nvrtcResult number. */
    public int code() {
        return code;
    }

    /** The error's name, as {@code cuGetErrorName} gives it. */
    public String errorName() {
        return errorName;
    }
}
