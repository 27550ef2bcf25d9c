package dev.caracal.backend.cuda.internal;

import java.util.Locale;

/**
 * A CUDA driver or NVRTC call that did not return success: names the call, the error's number and its name
 * ({@code cuInit returned 100 (CUDA_ERROR_NO_DEVICE)}), and what was asked where that helps
 * ({@code cuMemAlloc_v2 returned 2 (CUDA_ERROR_OUT_OF_MEMORY): asked for 1.50 GiB (1610612736 bytes)}).
 */
public final class CudaException extends RuntimeException {

    private final String call;
    private final int code;
    private final String errorName;

    public CudaException(String call, int code, String errorName) {
        this(call, code, errorName, "");
    }

    /** With {@code detail} (what was asked) after the error's name; none when blank. */
    public CudaException(String call, int code, String errorName, String detail) {
        super(call + " returned " + code + " (" + errorName + ")" + (detail.isBlank() ? "" : ": " + detail));
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

    /** Whether the driver ran out of device memory. */
    public boolean isOutOfMemory() {
        return code == CudaErrorNames.OUT_OF_MEMORY && call.startsWith("cu");
    }

    /** {@code 1.50 GiB (1610612736 bytes)}: a size for people, with the exact count. */
    static String describeBytes(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        double scaled = bytes;
        int unit = -1;
        while (scaled >= 1024 && unit < units.length - 1) {
            scaled /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s (%d bytes)", scaled, units[unit], bytes);
    }
}
