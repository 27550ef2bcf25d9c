package dev.caracal.backend.cuda.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in {@code libcuda.so.1} whose functions are Java upcalls with the descriptors {@link CudaDriver} binds, so
 * that the driver's calls (argument types, out-pointers, result checks) run without a GPU. Device memory is native
 * host memory (a device address is its address); kernel {@code fill(float *out, int count, float value)} fills, any
 * other known kernel only records its launch; work captured on a stream runs when its graph is launched.
 */
public final class FakeCudaLibrary implements AutoCloseable {

    /** A recorded kernel launch, its arguments read back through {@code kernelParams}. */
    record Launch(String kernel, int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ, int sharedBytes,
            long stream, List<Object> arguments, long extra) {
    }

    /** The parameter types of the kernels the fake module has. */
    static final Map<String, List<Class<?>>> KERNELS = Map.of(
            "fill", List.of(Long.class, Integer.class, Float.class),
            "mix", List.of(Long.class, Integer.class, Float.class, Long.class));

    final Arena arena = Arena.ofShared();
    /** Every call, by symbol, in order. */
    final List<String> calls = new CopyOnWriteArrayList<>();
    /** Every upcall, by symbol, failed or not. */
    final List<String> upcalls = new CopyOnWriteArrayList<>();
    /** Exceptions thrown inside upcalls (each became CUDA_ERROR_UNKNOWN): a test expects none. */
    final List<Throwable> upcallFailures = new CopyOnWriteArrayList<>();
    final List<Launch> launches = new CopyOnWriteArrayList<>();
    /** The threads that called cuCtxSetCurrent. */
    final List<Thread> setCurrentThreads = new CopyOnWriteArrayList<>();
    final Map<Long, Long> liveAllocations = new ConcurrentHashMap<>();
    final List<Integer> streamFlags = new CopyOnWriteArrayList<>();
    final List<Integer> captureModes = new CopyOnWriteArrayList<>();
    final List<Long> instantiateFlags = new CopyOnWriteArrayList<>();
    /** The bytes of each module image loaded (up to its first NUL). */
    final List<String> loadedImages = new CopyOnWriteArrayList<>();
    /** A result to return, once, from the named function. */
    final Map<String, Integer> failNext = new ConcurrentHashMap<>();
    volatile long memoryLimit = 1L << 30;

    private final SymbolLookup lookup;
    private final Map<Long, String> functions = new ConcurrentHashMap<>();
    private final Map<Long, List<Runnable>> capturing = new ConcurrentHashMap<>();
    private final Map<Long, List<Runnable>> graphs = new ConcurrentHashMap<>();
    private final Map<Long, List<Runnable>> executables = new ConcurrentHashMap<>();
    private final Map<Integer, MemorySegment> errorNames = new ConcurrentHashMap<>();

    /** A fake exporting every function {@link CudaDriver} binds except {@code omitted}. */
    public FakeCudaLibrary(String... omitted) {
        lookup = UpcallLibrary.of(this, CudaDriver.class, "cu", Set.of(omitted), arena, upcalls, upcallFailures, 999);
    }

    SymbolLookup lookup() {
        return lookup;
    }

    public CudaDriver driver() {
        return new CudaDriver(lookup());
    }

    /** Makes the next call of {@code symbol} return {@code result} (a CUresult), for tests outside this package. */
    public void failNextCall(String symbol, int result) {
        failNext.put(symbol, result);
    }

    long count(String symbol) {
        return calls.stream().filter(symbol::equals).count();
    }

    /** The result of {@code symbol}'s call: records it, and returns a failure a test asked for. */
    private int enter(String symbol) {
        calls.add(symbol);
        Integer failure = failNext.remove(symbol);
        return failure == null ? 0 : failure;
    }

    private MemorySegment token() {
        return arena.allocate(1);
    }

    private static MemorySegment at(long address, long bytes) {
        return MemorySegment.ofAddress(address).reinterpret(bytes);
    }

    private static void putPointer(MemorySegment out, MemorySegment value) {
        out.reinterpret(8).set(ValueLayout.ADDRESS, 0, value);
    }

    private static void putInt(MemorySegment out, int value) {
        out.reinterpret(4).set(ValueLayout.JAVA_INT, 0, value);
    }

    private static void putLong(MemorySegment out, long value) {
        out.reinterpret(8).set(ValueLayout.JAVA_LONG, 0, value);
    }

    /** Runs {@code work} now, or records it when {@code stream} is capturing. */
    private void onStream(MemorySegment stream, Runnable work) {
        List<Runnable> captured = capturing.get(stream.address());
        if (captured != null) {
            captured.add(work);
        } else {
            work.run();
        }
    }

    // --- The driver's functions, by their exported names

    int cuInit(int flags) {
        return enter("cuInit");
    }

    int cuDriverGetVersion(MemorySegment version) {
        putInt(version, 13000);
        return enter("cuDriverGetVersion");
    }

    int cuGetErrorName(int code, MemorySegment name) {
        calls.add("cuGetErrorName");
        String known = switch (code) {
            case 2 -> "CUDA_ERROR_OUT_OF_MEMORY";
            case 100 -> "CUDA_ERROR_NO_DEVICE";
            case 209 -> "CUDA_ERROR_NO_BINARY_FOR_GPU";
            default -> null;
        };
        if (known == null) {
            return 1;
        }
        putPointer(name, errorNames.computeIfAbsent(code, ignored -> arena.allocateFrom(known)));
        return 0;
    }

    int cuDeviceGetCount(MemorySegment count) {
        putInt(count, 1);
        return enter("cuDeviceGetCount");
    }

    int cuDeviceGet(MemorySegment device, int ordinal) {
        if (ordinal != 0) {
            calls.add("cuDeviceGet");
            return 101;
        }
        putInt(device, 0);
        return enter("cuDeviceGet");
    }

    int cuDeviceGetName(MemorySegment name, int length, int device) {
        name.reinterpret(length).setString(0, "Fake H100 80GB HBM3");
        return enter("cuDeviceGetName");
    }

    int cuDeviceTotalMem_v2(MemorySegment bytes, int device) {
        putLong(bytes, 80L << 30);
        return enter("cuDeviceTotalMem_v2");
    }

    int cuDeviceGetAttribute(MemorySegment value, int attribute, int device) {
        putInt(value, switch (attribute) {
            case 16 -> 132;
            case 36 -> 2_619_000;
            case 37 -> 5120;
            case 38 -> 50 << 20;
            case 75 -> 9;
            case 76 -> 0;
            default -> throw new IllegalArgumentException("attribute " + attribute);
        });
        return enter("cuDeviceGetAttribute");
    }

    int cuDevicePrimaryCtxRetain(MemorySegment context, int device) {
        putPointer(context, token());
        return enter("cuDevicePrimaryCtxRetain");
    }

    int cuDevicePrimaryCtxRelease_v2(int device) {
        return enter("cuDevicePrimaryCtxRelease_v2");
    }

    int cuCtxSetCurrent(MemorySegment context) {
        setCurrentThreads.add(Thread.currentThread());
        return enter("cuCtxSetCurrent");
    }

    int cuCtxSynchronize() {
        return enter("cuCtxSynchronize");
    }

    int cuMemGetInfo_v2(MemorySegment free, MemorySegment total) {
        putLong(free, memoryLimit - liveAllocations.values().stream().mapToLong(Long::longValue).sum());
        putLong(total, memoryLimit);
        return enter("cuMemGetInfo_v2");
    }

    int cuMemAlloc_v2(MemorySegment address, long bytes) {
        int result = enter("cuMemAlloc_v2");
        if (result != 0) {
            return result;
        }
        if (bytes > memoryLimit) {
            return 2;
        }
        MemorySegment block = arena.allocate(bytes, 256);
        block.fill((byte) 0xAB); // cuMemAlloc does not zero
        liveAllocations.put(block.address(), bytes);
        putLong(address, block.address());
        return 0;
    }

    int cuMemFree_v2(long address) {
        int result = enter("cuMemFree_v2");
        return result != 0 ? result : liveAllocations.remove(address) == null ? 1 : 0;
    }

    int cuMemcpyHtoD_v2(long destination, MemorySegment source, long bytes) {
        MemorySegment.copy(source.reinterpret(bytes), 0, at(destination, bytes), 0, bytes);
        return enter("cuMemcpyHtoD_v2");
    }

    int cuMemcpyDtoH_v2(MemorySegment destination, long source, long bytes) {
        MemorySegment.copy(at(source, bytes), 0, destination.reinterpret(bytes), 0, bytes);
        return enter("cuMemcpyDtoH_v2");
    }

    int cuMemcpyDtoD_v2(long destination, long source, long bytes) {
        MemorySegment.copy(at(source, bytes), 0, at(destination, bytes), 0, bytes);
        return enter("cuMemcpyDtoD_v2");
    }

    int cuMemsetD8_v2(long address, byte value, long bytes) {
        at(address, bytes).fill(value);
        return enter("cuMemsetD8_v2");
    }

    int cuMemcpyHtoDAsync_v2(long destination, MemorySegment source, long bytes, MemorySegment stream) {
        MemorySegment.copy(source.reinterpret(bytes), 0, at(destination, bytes), 0, bytes);
        return enter("cuMemcpyHtoDAsync_v2");
    }

    int cuMemcpyDtoHAsync_v2(MemorySegment destination, long source, long bytes, MemorySegment stream) {
        MemorySegment.copy(at(source, bytes), 0, destination.reinterpret(bytes), 0, bytes);
        return enter("cuMemcpyDtoHAsync_v2");
    }

    int cuMemcpyDtoDAsync_v2(long destination, long source, long bytes, MemorySegment stream) {
        onStream(stream, () -> MemorySegment.copy(at(source, bytes), 0, at(destination, bytes), 0, bytes));
        return enter("cuMemcpyDtoDAsync_v2");
    }

    int cuMemsetD8Async(long address, byte value, long bytes, MemorySegment stream) {
        onStream(stream, () -> at(address, bytes).fill(value));
        return enter("cuMemsetD8Async");
    }

    int cuStreamCreate(MemorySegment stream, int flags) {
        streamFlags.add(flags);
        putPointer(stream, token());
        return enter("cuStreamCreate");
    }

    int cuStreamSynchronize(MemorySegment stream) {
        return enter("cuStreamSynchronize");
    }

    int cuStreamDestroy_v2(MemorySegment stream) {
        return enter("cuStreamDestroy_v2");
    }

    int cuEventCreate(MemorySegment event, int flags) {
        putPointer(event, token());
        return enter("cuEventCreate");
    }

    int cuEventRecord(MemorySegment event, MemorySegment stream) {
        return enter("cuEventRecord");
    }

    int cuEventSynchronize(MemorySegment event) {
        return enter("cuEventSynchronize");
    }

    int cuEventElapsedTime_v2(MemorySegment milliseconds, MemorySegment start, MemorySegment end) {
        milliseconds.reinterpret(4).set(ValueLayout.JAVA_FLOAT, 0, 1.5f);
        return enter("cuEventElapsedTime_v2");
    }

    int cuEventElapsedTime(MemorySegment milliseconds, MemorySegment start, MemorySegment end) {
        milliseconds.reinterpret(4).set(ValueLayout.JAVA_FLOAT, 0, 2.5f);
        return enter("cuEventElapsedTime");
    }

    int cuEventDestroy_v2(MemorySegment event) {
        return enter("cuEventDestroy_v2");
    }

    int cuModuleLoadData(MemorySegment module, MemorySegment image) {
        int result = enter("cuModuleLoadData");
        if (result != 0) {
            return result;
        }
        loadedImages.add(image.reinterpret(Long.MAX_VALUE).getString(0));
        putPointer(module, token());
        return 0;
    }

    int cuModuleGetFunction(MemorySegment function, MemorySegment module, MemorySegment name) {
        calls.add("cuModuleGetFunction");
        String kernel = name.reinterpret(Long.MAX_VALUE).getString(0);
        if (!KERNELS.containsKey(kernel)) {
            return 500;
        }
        MemorySegment handle = token();
        functions.put(handle.address(), kernel);
        putPointer(function, handle);
        return 0;
    }

    int cuModuleUnload(MemorySegment module) {
        return enter("cuModuleUnload");
    }

    int cuLaunchKernel(MemorySegment function, int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ,
            int sharedBytes, MemorySegment stream, MemorySegment kernelParams, MemorySegment extra) {
        int result = enter("cuLaunchKernel");
        if (result != 0) {
            return result;
        }
        String kernel = functions.get(function.address());
        List<Class<?>> types = KERNELS.get(kernel);
        MemorySegment pointers = kernelParams.reinterpret(8L * types.size());
        List<Object> arguments = new ArrayList<>();
        for (int index = 0; index < types.size(); index++) {
            MemorySegment value = pointers.getAtIndex(ValueLayout.ADDRESS, index).reinterpret(8);
            Class<?> type = types.get(index);
            arguments.add(type == Long.class ? (Object) value.get(ValueLayout.JAVA_LONG, 0)
                    : type == Integer.class ? (Object) value.get(ValueLayout.JAVA_INT, 0)
                    : (Object) value.get(ValueLayout.JAVA_FLOAT, 0));
        }
        launches.add(new Launch(kernel, gridX, gridY, gridZ, blockX, blockY, blockZ, sharedBytes, stream.address(),
                Collections.unmodifiableList(arguments), extra.address()));
        if (kernel.equals("fill")) {
            long out = (Long) arguments.get(0);
            int count = (Integer) arguments.get(1);
            float value = (Float) arguments.get(2);
            onStream(stream, () -> at(out, 4L * count).fill((byte) 0).elements(ValueLayout.JAVA_FLOAT)
                    .forEach(element -> element.set(ValueLayout.JAVA_FLOAT, 0, value)));
        }
        return 0;
    }

    int cuStreamBeginCapture_v2(MemorySegment stream, int mode) {
        captureModes.add(mode);
        capturing.put(stream.address(), new CopyOnWriteArrayList<>());
        return enter("cuStreamBeginCapture_v2");
    }

    int cuStreamEndCapture(MemorySegment stream, MemorySegment graph) {
        List<Runnable> work = capturing.remove(stream.address());
        if (work == null) {
            calls.add("cuStreamEndCapture");
            return 401;
        }
        MemorySegment handle = token();
        graphs.put(handle.address(), work);
        putPointer(graph, handle);
        return enter("cuStreamEndCapture");
    }

    int cuGraphInstantiateWithFlags(MemorySegment executable, MemorySegment graph, long flags) {
        instantiateFlags.add(flags);
        MemorySegment handle = token();
        executables.put(handle.address(), List.copyOf(graphs.get(graph.address())));
        putPointer(executable, handle);
        return enter("cuGraphInstantiateWithFlags");
    }

    int cuGraphLaunch(MemorySegment executable, MemorySegment stream) {
        int result = enter("cuGraphLaunch");
        if (result == 0) {
            executables.get(executable.address()).forEach(Runnable::run);
        }
        return result;
    }

    int cuGraphExecDestroy(MemorySegment executable) {
        executables.remove(executable.address());
        return enter("cuGraphExecDestroy");
    }

    int cuGraphDestroy(MemorySegment graph) {
        graphs.remove(graph.address());
        return enter("cuGraphDestroy");
    }

    @Override
    public void close() {
        arena.close();
    }
}
