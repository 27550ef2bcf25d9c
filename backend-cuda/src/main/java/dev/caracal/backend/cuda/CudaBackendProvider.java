package dev.caracal.backend.cuda;

import dev.caracal.api.backend.Availability;
import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendProvider;
import dev.caracal.backend.cuda.internal.CudaDriver;
import dev.caracal.backend.cuda.internal.CudaException;
import dev.caracal.backend.cuda.internal.NativeLibraries;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@link BackendProvider} of NVIDIA GPUs. Its probe says what is missing: the driver ({@code libcuda.so.1}), a
 * device, NVRTC (and where it looked); where all are present it describes the devices and still answers unavailable,
 * because the CUDA kernels are not written yet (issue 20): the registry then keeps choosing another backend.
 */
public final class CudaBackendProvider implements BackendProvider {

    /** The backend's name. */
    public static final String NAME = "cuda";

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
            return Availability.unavailable("no libnvrtc found (looked in " + nvrtc.lookedIn().stream()
                    .map(Path::toString).collect(Collectors.joining(", "))
                    + "; set CARACAL_NVRTC to the library, or install the nvidia-cuda-nvrtc wheel)");
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("driverVersion", (version / 1000) + "." + (version % 1000) / 10);
        details.put("nvrtc", nvrtc.found().get().toString());
        for (CudaDriver.Device device : devices) {
            details.put("device" + device.ordinal(), device.name() + ", " + (device.memoryBytes() >> 20) + " MiB");
        }
        return new Availability(false, List.of("the CUDA kernels are not written yet (issue 20): the driver, NVRTC"
                + " and the devices were found"), details);
    }

    /** Ranks above the CPU backend, for when it becomes available. */
    @Override
    public int score() {
        return 200;
    }

    @Override
    public Backend open(BackendOptions options) {
        throw new IllegalStateException("the CUDA backend is unavailable: " + String.join("; ", probe().reasons()));
    }
}
