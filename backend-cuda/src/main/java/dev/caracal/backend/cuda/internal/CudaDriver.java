package dev.caracal.backend.cuda.internal;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The CUDA driver API ({@code libcuda.so.1}) through the FFM API: devices, the primary context, memory, streams,
 * events, modules, kernel launches and graphs. Symbols are the ones CUDA 12 and 13 export (the {@code _v2} names that
 * {@code cuda.h} maps the plain names to); every call's result is checked, anything but {@code CUDA_SUCCESS} being a
 * {@link CudaException} naming the call and the error. Handles ({@code CUcontext}, {@code CUstream} ...) are
 * addresses; the owners ({@link CudaContext}, {@link CudaStream} ...) close them.
 */
public final class CudaDriver {

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    /** {@code size_t}, {@code CUdeviceptr}, {@code unsigned long long}: 64 bits on the platforms CUDA runs on. */
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    private static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    private static final AddressLayout POINTER = ValueLayout.ADDRESS;

    /** The capture mode of a decode step's graph: only this thread's unsafe calls break the capture. */
    static final int CU_STREAM_CAPTURE_MODE_THREAD_LOCAL = 1;
    /** A stream that does not synchronize with the legacy default stream. */
    static final int CU_STREAM_NON_BLOCKING = 0x1;
    static final int CU_EVENT_DEFAULT = 0x0;

    static final NativeFunction INIT = NativeFunction.of("cuInit", INT, INT);
    static final NativeFunction DRIVER_GET_VERSION = NativeFunction.of("cuDriverGetVersion", INT, POINTER);
    static final NativeFunction GET_ERROR_NAME = NativeFunction.of("cuGetErrorName", INT, INT, POINTER);
    static final NativeFunction DEVICE_GET_COUNT = NativeFunction.of("cuDeviceGetCount", INT, POINTER);
    static final NativeFunction DEVICE_GET = NativeFunction.of("cuDeviceGet", INT, POINTER, INT);
    static final NativeFunction DEVICE_GET_NAME = NativeFunction.of("cuDeviceGetName", INT, POINTER, INT, INT);
    static final NativeFunction DEVICE_TOTAL_MEMORY = NativeFunction.of("cuDeviceTotalMem_v2", INT, POINTER, INT);
    static final NativeFunction DEVICE_GET_ATTRIBUTE = NativeFunction.of("cuDeviceGetAttribute", INT, POINTER, INT,
            INT);
    static final NativeFunction PRIMARY_CONTEXT_RETAIN = NativeFunction.of("cuDevicePrimaryCtxRetain", INT, POINTER,
            INT);
    static final NativeFunction PRIMARY_CONTEXT_RELEASE = NativeFunction.of("cuDevicePrimaryCtxRelease_v2", INT, INT);
    static final NativeFunction CONTEXT_SET_CURRENT = NativeFunction.of("cuCtxSetCurrent", INT, POINTER);
    static final NativeFunction CONTEXT_SYNCHRONIZE = NativeFunction.of("cuCtxSynchronize", INT);
    static final NativeFunction MEMORY_GET_INFO = NativeFunction.of("cuMemGetInfo_v2", INT, POINTER, POINTER);
    static final NativeFunction MEMORY_ALLOCATE = NativeFunction.of("cuMemAlloc_v2", INT, POINTER, LONG);
    static final NativeFunction MEMORY_FREE = NativeFunction.of("cuMemFree_v2", INT, LONG);
    static final NativeFunction COPY_HOST_TO_DEVICE = NativeFunction.of("cuMemcpyHtoD_v2", INT, LONG, POINTER, LONG);
    static final NativeFunction COPY_DEVICE_TO_HOST = NativeFunction.of("cuMemcpyDtoH_v2", INT, POINTER, LONG, LONG);
    static final NativeFunction COPY_DEVICE_TO_DEVICE = NativeFunction.of("cuMemcpyDtoD_v2", INT, LONG, LONG, LONG);
    static final NativeFunction SET_BYTES = NativeFunction.of("cuMemsetD8_v2", INT, LONG, BYTE, LONG);
    static final NativeFunction COPY_HOST_TO_DEVICE_ASYNC = NativeFunction.of("cuMemcpyHtoDAsync_v2", INT, LONG,
            POINTER, LONG, POINTER);
    static final NativeFunction COPY_DEVICE_TO_HOST_ASYNC = NativeFunction.of("cuMemcpyDtoHAsync_v2", INT, POINTER,
            LONG, LONG, POINTER);
    static final NativeFunction COPY_DEVICE_TO_DEVICE_ASYNC = NativeFunction.of("cuMemcpyDtoDAsync_v2", INT, LONG,
            LONG, LONG, POINTER);
    static final NativeFunction SET_BYTES_ASYNC = NativeFunction.of("cuMemsetD8Async", INT, LONG, BYTE, LONG,
            POINTER);
    static final NativeFunction STREAM_CREATE = NativeFunction.of("cuStreamCreate", INT, POINTER, INT);
    static final NativeFunction STREAM_SYNCHRONIZE = NativeFunction.of("cuStreamSynchronize", INT, POINTER);
    static final NativeFunction STREAM_DESTROY = NativeFunction.of("cuStreamDestroy_v2", INT, POINTER);
    static final NativeFunction EVENT_CREATE = NativeFunction.of("cuEventCreate", INT, POINTER, INT);
    static final NativeFunction EVENT_RECORD = NativeFunction.of("cuEventRecord", INT, POINTER, POINTER);
    static final NativeFunction EVENT_SYNCHRONIZE = NativeFunction.of("cuEventSynchronize", INT, POINTER);
    /** {@code _v2} since CUDA 12.8 (what {@code cuda.h} 13 maps the plain name to); the plain one before. */
    static final NativeFunction EVENT_ELAPSED_TIME = NativeFunction.of("cuEventElapsedTime_v2", INT, POINTER,
            POINTER, POINTER).orElse("cuEventElapsedTime");
    static final NativeFunction EVENT_DESTROY = NativeFunction.of("cuEventDestroy_v2", INT, POINTER);
    static final NativeFunction MODULE_LOAD_DATA = NativeFunction.of("cuModuleLoadData", INT, POINTER, POINTER);
    static final NativeFunction MODULE_GET_FUNCTION = NativeFunction.of("cuModuleGetFunction", INT, POINTER, POINTER,
            POINTER);
    static final NativeFunction MODULE_UNLOAD = NativeFunction.of("cuModuleUnload", INT, POINTER);
    /** f, gridDimX/Y/Z, blockDimX/Y/Z, sharedMemBytes, hStream, kernelParams, extra. */
    static final NativeFunction LAUNCH_KERNEL = NativeFunction.of("cuLaunchKernel", INT, POINTER, INT, INT, INT, INT,
            INT, INT, INT, POINTER, POINTER, POINTER);
    static final NativeFunction STREAM_BEGIN_CAPTURE = NativeFunction.of("cuStreamBeginCapture_v2", INT, POINTER,
            INT);
    static final NativeFunction STREAM_END_CAPTURE = NativeFunction.of("cuStreamEndCapture", INT, POINTER, POINTER);
    static final NativeFunction GRAPH_INSTANTIATE = NativeFunction.of("cuGraphInstantiateWithFlags", INT, POINTER,
            POINTER, LONG);
    static final NativeFunction GRAPH_LAUNCH = NativeFunction.of("cuGraphLaunch", INT, POINTER, POINTER);
    static final NativeFunction GRAPH_EXEC_DESTROY = NativeFunction.of("cuGraphExecDestroy", INT, POINTER);
    static final NativeFunction GRAPH_DESTROY = NativeFunction.of("cuGraphDestroy", INT, POINTER);

    /** One device as the driver describes it. */
    public record Device(int ordinal, String name, long memoryBytes) {
    }

    /** A device attribute ({@code CU_DEVICE_ATTRIBUTE_*}) and its number in {@code cuda.h}. */
    public enum Attribute {
        MULTIPROCESSOR_COUNT(16),
        /** Peak memory clock in kHz. */
        MEMORY_CLOCK_RATE(36),
        /** Global memory bus width in bits. */
        GLOBAL_MEMORY_BUS_WIDTH(37),
        /** In bytes. */
        L2_CACHE_SIZE(38),
        COMPUTE_CAPABILITY_MAJOR(75),
        COMPUTE_CAPABILITY_MINOR(76);

        final int code;

        Attribute(int code) {
            this.code = code;
        }
    }

    /** Free and total device memory of the current context's device, in bytes. */
    public record MemoryInfo(long free, long total) {
    }

    private final MethodHandle init;
    private final MethodHandle driverGetVersion;
    private final MethodHandle getErrorName;
    private final MethodHandle deviceGetCount;
    private final MethodHandle deviceGet;
    private final MethodHandle deviceGetName;
    private final MethodHandle deviceTotalMemory;
    private final MethodHandle deviceGetAttribute;
    private final MethodHandle primaryContextRetain;
    private final MethodHandle primaryContextRelease;
    private final MethodHandle contextSetCurrent;
    private final MethodHandle contextSynchronize;
    private final MethodHandle memoryGetInfo;
    private final MethodHandle memoryAllocate;
    private final MethodHandle memoryFree;
    private final MethodHandle copyHostToDevice;
    private final MethodHandle copyDeviceToHost;
    private final MethodHandle copyDeviceToDevice;
    private final MethodHandle setBytes;
    private final MethodHandle copyHostToDeviceAsync;
    private final MethodHandle copyDeviceToHostAsync;
    private final MethodHandle copyDeviceToDeviceAsync;
    private final MethodHandle setBytesAsync;
    private final MethodHandle streamCreate;
    private final MethodHandle streamSynchronize;
    private final MethodHandle streamDestroy;
    private final MethodHandle eventCreate;
    private final MethodHandle eventRecord;
    private final MethodHandle eventSynchronize;
    private final MethodHandle eventElapsedTime;
    private final MethodHandle eventDestroy;
    private final MethodHandle moduleLoadData;
    private final MethodHandle moduleGetFunction;
    private final MethodHandle moduleUnload;
    private final MethodHandle launchKernel;
    private final MethodHandle streamBeginCapture;
    private final MethodHandle streamEndCapture;
    private final MethodHandle graphInstantiate;
    private final MethodHandle graphLaunch;
    private final MethodHandle graphExecDestroy;
    private final MethodHandle graphDestroy;

    /** Binds the functions of {@code library} (the tests give one whose functions are Java upcalls). */
    CudaDriver(SymbolLookup library) {
        Linker linker = Linker.nativeLinker();
        String name = NativeLibraries.DRIVER;
        init = INIT.bind(linker, library, name);
        driverGetVersion = DRIVER_GET_VERSION.bind(linker, library, name);
        getErrorName = GET_ERROR_NAME.bind(linker, library, name);
        deviceGetCount = DEVICE_GET_COUNT.bind(linker, library, name);
        deviceGet = DEVICE_GET.bind(linker, library, name);
        deviceGetName = DEVICE_GET_NAME.bind(linker, library, name);
        deviceTotalMemory = DEVICE_TOTAL_MEMORY.bind(linker, library, name);
        deviceGetAttribute = DEVICE_GET_ATTRIBUTE.bind(linker, library, name);
        primaryContextRetain = PRIMARY_CONTEXT_RETAIN.bind(linker, library, name);
        primaryContextRelease = PRIMARY_CONTEXT_RELEASE.bind(linker, library, name);
        contextSetCurrent = CONTEXT_SET_CURRENT.bind(linker, library, name);
        contextSynchronize = CONTEXT_SYNCHRONIZE.bind(linker, library, name);
        memoryGetInfo = MEMORY_GET_INFO.bind(linker, library, name);
        memoryAllocate = MEMORY_ALLOCATE.bind(linker, library, name);
        memoryFree = MEMORY_FREE.bind(linker, library, name);
        copyHostToDevice = COPY_HOST_TO_DEVICE.bind(linker, library, name);
        copyDeviceToHost = COPY_DEVICE_TO_HOST.bind(linker, library, name);
        copyDeviceToDevice = COPY_DEVICE_TO_DEVICE.bind(linker, library, name);
        setBytes = SET_BYTES.bind(linker, library, name);
        copyHostToDeviceAsync = COPY_HOST_TO_DEVICE_ASYNC.bind(linker, library, name);
        copyDeviceToHostAsync = COPY_DEVICE_TO_HOST_ASYNC.bind(linker, library, name);
        copyDeviceToDeviceAsync = COPY_DEVICE_TO_DEVICE_ASYNC.bind(linker, library, name);
        setBytesAsync = SET_BYTES_ASYNC.bind(linker, library, name);
        streamCreate = STREAM_CREATE.bind(linker, library, name);
        streamSynchronize = STREAM_SYNCHRONIZE.bind(linker, library, name);
        streamDestroy = STREAM_DESTROY.bind(linker, library, name);
        eventCreate = EVENT_CREATE.bind(linker, library, name);
        eventRecord = EVENT_RECORD.bind(linker, library, name);
        eventSynchronize = EVENT_SYNCHRONIZE.bind(linker, library, name);
        eventElapsedTime = EVENT_ELAPSED_TIME.bind(linker, library, name);
        eventDestroy = EVENT_DESTROY.bind(linker, library, name);
        moduleLoadData = MODULE_LOAD_DATA.bind(linker, library, name);
        moduleGetFunction = MODULE_GET_FUNCTION.bind(linker, library, name);
        moduleUnload = MODULE_UNLOAD.bind(linker, library, name);
        launchKernel = LAUNCH_KERNEL.bind(linker, library, name);
        streamBeginCapture = STREAM_BEGIN_CAPTURE.bind(linker, library, name);
        streamEndCapture = STREAM_END_CAPTURE.bind(linker, library, name);
        graphInstantiate = GRAPH_INSTANTIATE.bind(linker, library, name);
        graphLaunch = GRAPH_LAUNCH.bind(linker, library, name);
        graphExecDestroy = GRAPH_EXEC_DESTROY.bind(linker, library, name);
        graphDestroy = GRAPH_DESTROY.bind(linker, library, name);
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

    // --- Initialisation and devices

    /** {@code cuInit(0)}. */
    public void initialize() {
        call("cuInit", () -> (int) init.invokeExact(0));
    }

    /** The driver's CUDA version as {@code major * 1000 + minor * 10} (13000 for CUDA 13.0). */
    public int version() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment version = arena.allocate(INT);
            call("cuDriverGetVersion", () -> (int) driverGetVersion.invokeExact(version));
            return version.get(INT, 0);
        }
    }

    /** The devices, after {@link #initialize()}. */
    public List<Device> devices() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(INT);
            call("cuDeviceGetCount", () -> (int) deviceGetCount.invokeExact(count));
            List<Device> devices = new ArrayList<>();
            for (int ordinal = 0; ordinal < count.get(INT, 0); ordinal++) {
                int device = device(ordinal);
                devices.add(new Device(ordinal, deviceName(device), deviceTotalMemory(device)));
            }
            return devices;
        }
    }

    /** The {@code CUdevice} of device {@code ordinal}. */
    int device(int ordinal) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment device = arena.allocate(INT);
            call("cuDeviceGet", () -> (int) deviceGet.invokeExact(device, ordinal), "ordinal " + ordinal);
            return device.get(INT, 0);
        }
    }

    String deviceName(int device) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocate(256);
            call("cuDeviceGetName", () -> (int) deviceGetName.invokeExact(name, 256, device));
            return name.getString(0);
        }
    }

    long deviceTotalMemory(int device) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = arena.allocate(LONG);
            call("cuDeviceTotalMem_v2", () -> (int) deviceTotalMemory.invokeExact(bytes, device));
            return bytes.get(LONG, 0);
        }
    }

    int deviceAttribute(int device, Attribute attribute) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(INT);
            call("cuDeviceGetAttribute", () -> (int) deviceGetAttribute.invokeExact(value, attribute.code, device),
                    "CU_DEVICE_ATTRIBUTE_" + attribute.name());
            return value.get(INT, 0);
        }
    }

    // --- The primary context

    MemorySegment retainPrimaryContext(int device) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment context = arena.allocate(POINTER);
            call("cuDevicePrimaryCtxRetain", () -> (int) primaryContextRetain.invokeExact(context, device));
            return context.get(POINTER, 0);
        }
    }

    void releasePrimaryContext(int device) {
        call("cuDevicePrimaryCtxRelease_v2", () -> (int) primaryContextRelease.invokeExact(device));
    }

    void setCurrentContext(MemorySegment context) {
        call("cuCtxSetCurrent", () -> (int) contextSetCurrent.invokeExact(context));
    }

    void synchronizeContext() {
        call("cuCtxSynchronize", () -> (int) contextSynchronize.invokeExact());
    }

    // --- Memory

    MemoryInfo memoryInfo() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment free = arena.allocate(LONG);
            MemorySegment total = arena.allocate(LONG);
            call("cuMemGetInfo_v2", () -> (int) memoryGetInfo.invokeExact(free, total));
            return new MemoryInfo(free.get(LONG, 0), total.get(LONG, 0));
        }
    }

    /** {@code bytes} of device memory (not zeroed); its address. Running out says how much was asked. */
    long allocate(long bytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = arena.allocate(LONG);
            call("cuMemAlloc_v2", () -> (int) memoryAllocate.invokeExact(address, bytes),
                    "asked for " + CudaException.describeBytes(bytes));
            return address.get(LONG, 0);
        }
    }

    void free(long address) {
        call("cuMemFree_v2", () -> (int) memoryFree.invokeExact(address));
    }

    /** {@code source} must be native memory (a heap segment cannot be passed to C). */
    void copyHostToDevice(long destination, MemorySegment source, long bytes) {
        call("cuMemcpyHtoD_v2", () -> (int) copyHostToDevice.invokeExact(destination, source, bytes));
    }

    void copyDeviceToHost(MemorySegment destination, long source, long bytes) {
        call("cuMemcpyDtoH_v2", () -> (int) copyDeviceToHost.invokeExact(destination, source, bytes));
    }

    void copyDeviceToDevice(long destination, long source, long bytes) {
        call("cuMemcpyDtoD_v2", () -> (int) copyDeviceToDevice.invokeExact(destination, source, bytes));
    }

    void setBytes(long address, byte value, long bytes) {
        call("cuMemsetD8_v2", () -> (int) setBytes.invokeExact(address, value, bytes));
    }

    void copyHostToDeviceAsync(long destination, MemorySegment source, long bytes, MemorySegment stream) {
        call("cuMemcpyHtoDAsync_v2",
                () -> (int) copyHostToDeviceAsync.invokeExact(destination, source, bytes, stream));
    }

    void copyDeviceToHostAsync(MemorySegment destination, long source, long bytes, MemorySegment stream) {
        call("cuMemcpyDtoHAsync_v2",
                () -> (int) copyDeviceToHostAsync.invokeExact(destination, source, bytes, stream));
    }

    void copyDeviceToDeviceAsync(long destination, long source, long bytes, MemorySegment stream) {
        call("cuMemcpyDtoDAsync_v2",
                () -> (int) copyDeviceToDeviceAsync.invokeExact(destination, source, bytes, stream));
    }

    void setBytesAsync(long address, byte value, long bytes, MemorySegment stream) {
        call("cuMemsetD8Async", () -> (int) setBytesAsync.invokeExact(address, value, bytes, stream));
    }

    // --- Streams and events

    MemorySegment createStream(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stream = arena.allocate(POINTER);
            call("cuStreamCreate", () -> (int) streamCreate.invokeExact(stream, flags));
            return stream.get(POINTER, 0);
        }
    }

    void synchronizeStream(MemorySegment stream) {
        call("cuStreamSynchronize", () -> (int) streamSynchronize.invokeExact(stream));
    }

    void destroyStream(MemorySegment stream) {
        call("cuStreamDestroy_v2", () -> (int) streamDestroy.invokeExact(stream));
    }

    MemorySegment createEvent(int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment event = arena.allocate(POINTER);
            call("cuEventCreate", () -> (int) eventCreate.invokeExact(event, flags));
            return event.get(POINTER, 0);
        }
    }

    void recordEvent(MemorySegment event, MemorySegment stream) {
        call("cuEventRecord", () -> (int) eventRecord.invokeExact(event, stream));
    }

    void synchronizeEvent(MemorySegment event) {
        call("cuEventSynchronize", () -> (int) eventSynchronize.invokeExact(event));
    }

    float elapsedMilliseconds(MemorySegment start, MemorySegment end) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment milliseconds = arena.allocate(ValueLayout.JAVA_FLOAT);
            call(EVENT_ELAPSED_TIME.name(), () -> (int) eventElapsedTime.invokeExact(milliseconds, start, end));
            return milliseconds.get(ValueLayout.JAVA_FLOAT, 0);
        }
    }

    void destroyEvent(MemorySegment event) {
        call("cuEventDestroy_v2", () -> (int) eventDestroy.invokeExact(event));
    }

    // --- Modules and launches

    /** Loads a CUBIN (or PTX) image; {@code image} is read during the call only. */
    MemorySegment loadModule(MemorySegment image) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment module = arena.allocate(POINTER);
            call("cuModuleLoadData", () -> (int) moduleLoadData.invokeExact(module, image),
                    "a " + image.byteSize() + "-byte image");
            return module.get(POINTER, 0);
        }
    }

    /** The kernel {@code name}; a {@link CudaException} with {@code CUDA_ERROR_NOT_FOUND} where there is none. */
    MemorySegment function(MemorySegment module, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment function = arena.allocate(POINTER);
            MemorySegment cName = arena.allocateFrom(name);
            call("cuModuleGetFunction", () -> (int) moduleGetFunction.invokeExact(function, module, cName),
                    "kernel " + name);
            return function.get(POINTER, 0);
        }
    }

    void unloadModule(MemorySegment module) {
        call("cuModuleUnload", () -> (int) moduleUnload.invokeExact(module));
    }

    /**
     * Launches {@code function} on a grid of {@code gridX × gridY × gridZ} blocks of {@code blockX × blockY × blockZ}
     * threads on {@code stream} ({@link MemorySegment#NULL}: the legacy default stream); {@code kernelParameters} is
     * an array of pointers to each argument's value (see {@link KernelParameters}), {@code extra} is NULL.
     */
    void launchKernel(CudaFunction function, int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ,
            int sharedMemoryBytes, MemorySegment stream, MemorySegment kernelParameters) {
        MemorySegment handle = function.handle();
        call("cuLaunchKernel", () -> (int) launchKernel.invokeExact(handle, gridX, gridY, gridZ, blockX, blockY, blockZ,
                sharedMemoryBytes, stream, kernelParameters, MemorySegment.NULL),
                () -> "kernel " + function.name() + ", grid " + gridX + "×" + gridY + "×" + gridZ + ", block " + blockX
                        + "×" + blockY + "×" + blockZ + ", " + sharedMemoryBytes + " bytes of shared memory");
    }

    // --- Graphs

    void beginCapture(MemorySegment stream, int mode) {
        call("cuStreamBeginCapture_v2", () -> (int) streamBeginCapture.invokeExact(stream, mode));
    }

    /** The captured graph. */
    MemorySegment endCapture(MemorySegment stream) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment graph = arena.allocate(POINTER);
            call("cuStreamEndCapture", () -> (int) streamEndCapture.invokeExact(stream, graph));
            return graph.get(POINTER, 0);
        }
    }

    MemorySegment instantiateGraph(MemorySegment graph, long flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment executable = arena.allocate(POINTER);
            call("cuGraphInstantiateWithFlags", () -> (int) graphInstantiate.invokeExact(executable, graph, flags));
            return executable.get(POINTER, 0);
        }
    }

    void launchGraph(MemorySegment executable, MemorySegment stream) {
        call("cuGraphLaunch", () -> (int) graphLaunch.invokeExact(executable, stream));
    }

    void destroyGraphExec(MemorySegment executable) {
        call("cuGraphExecDestroy", () -> (int) graphExecDestroy.invokeExact(executable));
    }

    void destroyGraph(MemorySegment graph) {
        call("cuGraphDestroy", () -> (int) graphDestroy.invokeExact(graph));
    }

    // --- Results

    private void call(String function, NativeCall nativeCall) {
        call(function, nativeCall, "");
    }

    private void call(String function, NativeCall nativeCall, String detail) {
        int result = invoke(nativeCall);
        if (result != 0) {
            throw new CudaException(function, result, errorName(result), detail);
        }
    }

    private void call(String function, NativeCall nativeCall, Supplier<String> detail) {
        int result = invoke(nativeCall);
        if (result != 0) {
            throw new CudaException(function, result, errorName(result), detail.get());
        }
    }

    /**
     * The name of a CUresult ({@code CUDA_ERROR_NO_DEVICE}) as {@code cuGetErrorName} gives it, or from
     * {@link CudaErrorNames} where that function is missing or fails.
     */
    String errorName(int result) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocate(POINTER);
            int found = (int) getErrorName.invokeExact(result, name);
            MemorySegment text = name.get(POINTER, 0);
            if (found != 0 || text.equals(MemorySegment.NULL)) {
                return CudaErrorNames.nameOf(result);
            }
            return text.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable unavailable) {
            return CudaErrorNames.nameOf(result);
        }
    }

    private static int invoke(NativeCall nativeCall) {
        return NativeCall.run(nativeCall);
    }
}
