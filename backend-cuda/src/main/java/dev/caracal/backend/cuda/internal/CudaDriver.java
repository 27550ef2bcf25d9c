package dev.caracal.backend.cuda.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CUDA driver API ({@code libcuda.so.1}) through the FFM API, the calls the backend needs so far: initialise,
 * count the devices and describe them. Every call's result is checked: anything but {@code CUDA_SUCCESS} is a
 * {@link CudaException} naming the call and the error.
 */
public final class CudaDriver {

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final ValueLayout.OfLong SIZE_T = ValueLayout.JAVA_LONG;

    /** One device as the driver describes it. */
    public record Device(int ordinal, String name, long memoryBytes) {
    }

    private final MethodHandle init;
    private final MethodHandle driverGetVersion;
    private final MethodHandle deviceGetCount;
    private final MethodHandle deviceGet;
    private final MethodHandle deviceGetName;
    private final MethodHandle deviceTotalMem;
    private final MethodHandle getErrorName;

    private CudaDriver(SymbolLookup library) {
        Linker linker = Linker.nativeLinker();
        init = handle(linker, library, "cuInit", FunctionDescriptor.of(INT, INT));
        driverGetVersion = handle(linker, library, "cuDriverGetVersion", FunctionDescriptor.of(INT, ValueLayout.ADDRESS));
        deviceGetCount = handle(linker, library, "cuDeviceGetCount", FunctionDescriptor.of(INT, ValueLayout.ADDRESS));
        deviceGet = handle(linker, library, "cuDeviceGet", FunctionDescriptor.of(INT, ValueLayout.ADDRESS, INT));
        deviceGetName = handle(linker, library, "cuDeviceGetName",
                FunctionDescriptor.of(INT, ValueLayout.ADDRESS, INT, INT));
        deviceTotalMem = handle(linker, library, "cuDeviceTotalMem_v2",
                FunctionDescriptor.of(INT, ValueLayout.ADDRESS, INT));
        getErrorName = handle(linker, library, "cuGetErrorName", FunctionDescriptor.of(INT, INT, ValueLayout.ADDRESS));
    }

    /** The driver, when {@code libcuda.so.1} can be loaded (the NVIDIA driver is installed). */
    public static Optional<CudaDriver> load() {
        SymbolLookup library;
        try {
            library = SymbolLookup.libraryLookup(NativeLibraries.DRIVER, Arena.global());
        } catch (IllegalArgumentException | IllegalCallerException notFound) {
            return Optional.empty();
        }
        return Optional.of(new CudaDriver(library));
    }

    private static MethodHandle handle(Linker linker, SymbolLookup library, String name, FunctionDescriptor type) {
        MemorySegment symbol = library.find(name).orElseThrow(() -> new IllegalStateException(
                NativeLibraries.DRIVER + " has no " + name + ": the driver is older than CUDA 11"));
        return linker.downcallHandle(symbol, type);
    }

    /** {@code cuInit(0)}. */
    public void initialize() {
        check("cuInit", invoke(init, 0));
    }

    /** The driver's CUDA version as {@code major * 1000 + minor * 10} (13000 for CUDA 13.0). */
    public int version() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment version = arena.allocate(INT);
            check("cuDriverGetVersion", invoke(driverGetVersion, version));
            return version.get(INT, 0);
        }
    }

    /** The devices, after {@link #initialize()}. */
    public List<Device> devices() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(INT);
            check("cuDeviceGetCount", invoke(deviceGetCount, count));
            List<Device> devices = new ArrayList<>();
            for (int ordinal = 0; ordinal < count.get(INT, 0); ordinal++) {
                MemorySegment device = arena.allocate(INT);
                check("cuDeviceGet", invoke(deviceGet, device, ordinal));
                int handle = device.get(INT, 0);
                MemorySegment name = arena.allocate(256);
                check("cuDeviceGetName", invoke(deviceGetName, name, 256, handle));
                MemorySegment bytes = arena.allocate(SIZE_T);
                check("cuDeviceTotalMem_v2", invoke(deviceTotalMem, bytes, handle));
                devices.add(new Device(ordinal, name.getString(0), bytes.get(SIZE_T, 0)));
            }
            return devices;
        }
    }

    private void check(String call, int result) {
        if (result != 0) {
            throw new CudaException(call, result, errorName(result));
        }
    }

    /** The name of a CUresult ({@code CUDA_ERROR_NO_DEVICE}), or {@code CUresult N} when the driver knows none. */
    String errorName(int result) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocate(ValueLayout.ADDRESS);
            if (invoke(getErrorName, result, name) != 0) {
                return "CUresult " + result;
            }
            return name.get(ValueLayout.ADDRESS, 0).reinterpret(256).getString(0);
        }
    }

    private static int invoke(MethodHandle handle, Object... arguments) {
        try {
            return (int) handle.invokeWithArguments(arguments);
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable failure) {
            throw new IllegalStateException(failure);
        }
    }
}
