package dev.caracal.backend.cuda;

import dev.caracal.api.backend.Availability;
import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendProvider;
import dev.caracal.backend.cuda.internal.CudaDevice;
import dev.caracal.backend.cuda.internal.CudaDriver;
import dev.caracal.backend.cuda.internal.CudaException;
import dev.caracal.backend.cuda.internal.NativeLibraries;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@link BackendProvider} of NVIDIA GPUs. Its probe says what is missing: the driver ({@code libcuda.so.1}), a
 * device, NVRTC (and where it looked); where all are present it describes the devices, and the registry prefers it to
 * the CPU. {@link #open} compiles the kernels for the device (cached on disk) and opens {@link CudaBackend} on device
 * {@code caracal.cuda.device} (or {@code CARACAL_CUDA_DEVICE}, default 0).
 */
public final class CudaBackendProvider implements BackendProvider {

    /** The backend's name. */
    public static final String NAME = "cuda";

    /** The kernels' source file, a resource beside this class. */
    static final String KERNEL_FILE = "caracal_kernels.cu";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Availability probe() {
        return probe(CudaDriver.load(), NativeLibraries.findNvrtc(System.getenv()));
    }

    /** The probe's answer from what was found (a test gives its own). */
    static Availability probe(Optional<CudaDriver> loaded, NativeLibraries.Search nvrtc) {
        if (loaded.isEmpty()) {
            return Availability.unavailable("no " + NativeLibraries.DRIVER + ": the NVIDIA driver is not installed"
                    + " (or not on the loader's path)");
        }
        CudaDriver driver = loaded.get();
        List<CudaDriver.Device> devices;
        int version;
        try {
            driver.initialize();
            version = driver.version();
            devices = driver.devices();
        } catch (CudaException failure) {
            return Availability.unavailable("no CUDA device: " + failure.getMessage());
        }
        if (devices.isEmpty()) {
            return Availability.unavailable("no CUDA device: the driver found none");
        }
        if (nvrtc.found().isEmpty()) {
            return Availability.unavailable(nvrtcMissing(nvrtc));
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("driverVersion", (version / 1000) + "." + (version % 1000) / 10);
        details.put("nvrtc", nvrtc.found().get().toString());
        for (CudaDriver.Device device : devices) {
            details.put("device" + device.ordinal(), device.name() + ", " + (device.memoryBytes() >> 20) + " MiB");
        }
        return Availability.available(details);
    }

    /** The probe's reason when {@code nvrtc} found nothing: where it looked, and what to do. */
    static String nvrtcMissing(NativeLibraries.Search nvrtc) {
        return "no libnvrtc found (looked in " + nvrtc.lookedIn().stream().map(Path::toString)
                .collect(Collectors.joining(", ")) + "; set CARACAL_NVRTC to the library, or install the"
                + " nvidia-cuda-nvrtc wheel)";
    }

    /** Ranks above the CPU backend. */
    @Override
    public int score() {
        return 200;
    }

    @Override
    public Backend open(BackendOptions options) {
        Availability availability = probe();
        if (!availability.available()) {
            throw new IllegalStateException("the CUDA backend is unavailable: "
                    + String.join("; ", availability.reasons()));
        }
        return new CudaBackend(CudaDevice.open(deviceOrdinal(), kernelSource(), KERNEL_FILE));
    }

    /** The device to open: {@code caracal.cuda.device}, else {@code CARACAL_CUDA_DEVICE}, else 0. */
    static int deviceOrdinal() {
        String configured = System.getProperty("caracal.cuda.device", System.getenv("CARACAL_CUDA_DEVICE"));
        if (configured == null || configured.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(configured.strip());
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("caracal.cuda.device must be a device number, not " + configured);
        }
    }

    /** The kernels' CUDA C source, from this module's resources. */
    static String kernelSource() {
        try (InputStream source = CudaBackendProvider.class.getResourceAsStream(KERNEL_FILE)) {
            if (source == null) {
                throw new IllegalStateException(KERNEL_FILE + " is missing from the backend-cuda jar");
            }
            return new String(source.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
