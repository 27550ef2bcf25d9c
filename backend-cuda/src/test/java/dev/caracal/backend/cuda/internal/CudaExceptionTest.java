package dev.caracal.backend.cuda.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The CUresult names the backend knows without the driver, and the messages of failed calls. */
class CudaExceptionTest {

    @Test
    void theTableNamesTheCommonResults() {
        assertThat(CudaErrorNames.nameOf(0)).isEqualTo("CUDA_SUCCESS");
        assertThat(CudaErrorNames.nameOf(1)).isEqualTo("CUDA_ERROR_INVALID_VALUE");
        assertThat(CudaErrorNames.nameOf(2)).isEqualTo("CUDA_ERROR_OUT_OF_MEMORY");
        assertThat(CudaErrorNames.nameOf(3)).isEqualTo("CUDA_ERROR_NOT_INITIALIZED");
        assertThat(CudaErrorNames.nameOf(100)).isEqualTo("CUDA_ERROR_NO_DEVICE");
        assertThat(CudaErrorNames.nameOf(209)).isEqualTo("CUDA_ERROR_NO_BINARY_FOR_GPU");
        assertThat(CudaErrorNames.nameOf(218)).isEqualTo("CUDA_ERROR_INVALID_PTX");
        assertThat(CudaErrorNames.nameOf(500)).isEqualTo("CUDA_ERROR_NOT_FOUND");
        assertThat(CudaErrorNames.nameOf(700)).isEqualTo("CUDA_ERROR_ILLEGAL_ADDRESS");
        assertThat(CudaErrorNames.nameOf(701)).isEqualTo("CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES");
        assertThat(CudaErrorNames.nameOf(900)).isEqualTo("CUDA_ERROR_STREAM_CAPTURE_UNSUPPORTED");
        assertThat(CudaErrorNames.nameOf(999)).isEqualTo("CUDA_ERROR_UNKNOWN");
        assertThat(CudaErrorNames.nameOf(12345)).isEqualTo("CUresult 12345");
        assertThat(CudaErrorNames.all()).hasSize(101).allSatisfy((code, name) -> assertThat(name)
                .startsWith("CUDA_"));
    }

    @Test
    void aMessageNamesTheCallTheResultAndWhatWasAsked() {
        assertThat(new CudaException("cuInit", 100, "CUDA_ERROR_NO_DEVICE"))
                .hasMessage("cuInit returned 100 (CUDA_ERROR_NO_DEVICE)");
        CudaException outOfMemory = new CudaException("cuMemAlloc_v2", 2, "CUDA_ERROR_OUT_OF_MEMORY",
                "asked for " + CudaException.describeBytes(3L << 29));
        assertThat(outOfMemory).hasMessage("cuMemAlloc_v2 returned 2 (CUDA_ERROR_OUT_OF_MEMORY): asked for 1.50 GiB"
                + " (1610612736 bytes)");
        assertThat(outOfMemory.isOutOfMemory()).isTrue();
        assertThat(new CudaException("nvrtcCompileProgram", 2, "NVRTC_ERROR_PROGRAM_CREATION_FAILURE")
                .isOutOfMemory()).isFalse();
    }

    @Test
    void sizesReadForPeopleWithTheExactCount() {
        assertThat(CudaException.describeBytes(512)).isEqualTo("512 bytes");
        assertThat(CudaException.describeBytes(1536)).isEqualTo("1.50 KiB (1536 bytes)");
        assertThat(CudaException.describeBytes(80L << 30)).isEqualTo("80.00 GiB (85899345920 bytes)");
    }
}
