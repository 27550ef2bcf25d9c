package dev.caracal.backend.xla;

import dev.caracal.backend.xla.internal.HostBufferSemantics;
import dev.caracal.backend.xla.internal.PjrtApi;
import dev.caracal.backend.xla.internal.PjrtBuffer;
import dev.caracal.backend.xla.internal.PjrtBufferType;
import dev.caracal.backend.xla.internal.PjrtClient;
import dev.caracal.backend.xla.internal.PjrtDevice;
import dev.caracal.backend.xla.internal.PjrtEvent;
import dev.caracal.backend.xla.internal.PjrtLoadedExecutable;
import dev.caracal.backend.xla.program.ElementType;
import dev.caracal.backend.xla.program.TensorType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@link XlaDevice} through a PJRT plugin: the first addressable device of a client, arrays as PJRT buffers,
 * programs compiled from StableHLO text with one replica and one partition, and the parameters a program marks
 * {@code tf.aliasing_output} donated when it runs.
 */
final class PluginDevice implements XlaDevice {

    private static final Pattern ALIASED = Pattern.compile("%arg(\\d+): tensor<[^>]*> \\{tf\\.aliasing_output");
    private static final Pattern SIGNATURE = Pattern.compile("func\\.func public @main\\((.*)\\) -> \\((.*)\\) \\{");
    private static final Pattern TYPE = Pattern.compile("tensor<([^>]*)>");

    /**
     * Stack of the thread programs compile on: XLA compiles on the caller's thread, and its compiler recurses deeper
     * than the 1 MB a Java thread has by default (a Python main thread, where JAX compiles, has 8 MB).
     */
    static final long COMPILER_STACK_BYTES = 64L << 20;

    private final PjrtClient client;
    private final ExecutorService compiler = Executors.newSingleThreadExecutor(work -> {
        Thread thread = new Thread(null, work, "xla-compiler", COMPILER_STACK_BYTES);
        thread.setDaemon(true);
        return thread;
    });
    private final PjrtDevice device;
    private final Map<String, String> details = new LinkedHashMap<>();

    private PluginDevice(PjrtApi api, PjrtClient client) {
        this.client = client;
        List<PjrtDevice> devices = client.addressableDevices();
        if (devices.isEmpty()) {
            client.close();
            throw new IllegalStateException("plugin " + api.plugin() + " has no addressable device");
        }
        this.device = devices.getFirst();
        details.put("plugin", api.plugin().toString());
        details.put("pjrtApiVersion", api.version());
        api.newerThanBindingsWarning().ifPresent(warning -> details.put("pjrtApiWarning", warning));
        details.put("platform", client.platformName());
        details.put("platformVersion", client.platformVersion());
    }

    /** A client of the plugin at {@code plugin} and its first device. */
    static PluginDevice open(Path plugin) {
        PjrtApi api = PjrtApi.load(plugin);
        return new PluginDevice(api, api.createClient(XlaBackendProvider.clientOptions(plugin)));
    }

    @Override
    public String name() {
        return client.platformName() + ": " + device.kind();
    }

    @Override
    public long memoryBytes() {
        try {
            return device.memoryStats().bytesLimit().orElse(-1);
        } catch (RuntimeException unsupported) {
            return -1;
        }
    }

    @Override
    public Map<String, String> details() {
        return Map.copyOf(details);
    }

    private record PluginArray(PjrtBuffer buffer, TensorType type) implements DeviceArray {
        @Override
        public void close() {
            buffer.close();
        }
    }

    static PjrtBufferType bufferType(ElementType element) {
        return switch (element) {
            case F32 -> PjrtBufferType.F32;
            case F16 -> PjrtBufferType.F16;
            case BF16 -> PjrtBufferType.BF16;
            case I32 -> PjrtBufferType.S32;
            case I8 -> PjrtBufferType.S8;
            case UI8 -> PjrtBufferType.U8;
            case I1 -> PjrtBufferType.PRED;
        };
    }

    @Override
    public DeviceArray upload(TensorType type, MemorySegment bytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = bytes;
            if (!bytes.isNative()) {
                data = arena.allocate(Math.max(1, bytes.byteSize()), 64).asSlice(0, bytes.byteSize());
                MemorySegment.copy(bytes, 0, data, 0, bytes.byteSize());
            }
            PjrtBuffer buffer = client.bufferFromHost(data, bufferType(type.element()), type.dimensions(), device,
                    HostBufferSemantics.IMMUTABLE_ONLY_DURING_CALL);
            return new PluginArray(buffer, type);
        }
    }

    @Override
    public void download(DeviceArray array, MemorySegment destination) {
        PjrtBuffer buffer = ((PluginArray) array).buffer();
        if (destination.isNative()) {
            buffer.copyToHost(destination);
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment staging = arena.allocate(Math.max(1, buffer.hostSize()), 64);
            buffer.copyToHost(staging);
            MemorySegment.copy(staging, 0, destination, 0, destination.byteSize());
        }
    }

    @Override
    public Program compile(String stableHlo) {
        List<TensorType> results = resultTypes(stableHlo);
        Set<Integer> donated = new TreeSet<>();
        Matcher aliased = ALIASED.matcher(stableHlo);
        while (aliased.find()) {
            donated.add(Integer.parseInt(aliased.group(1)));
        }
        PjrtLoadedExecutable executable = onCompilerThread(() -> client.compile(stableHlo));
        return new Program() {
            @Override
            public List<DeviceArray> execute(List<DeviceArray> arguments) {
                List<PjrtBuffer> buffers = arguments.stream().map(array -> ((PluginArray) array).buffer()).toList();
                PjrtLoadedExecutable.Execution execution = executable.execute(buffers, donated);
                execution.completion().ifPresent(event -> {
                    try (PjrtEvent done = event) {
                        done.await();
                    }
                });
                for (int index : donated) {
                    arguments.get(index).close();
                }
                List<DeviceArray> outputs = new ArrayList<>();
                for (int i = 0; i < execution.outputs().size(); i++) {
                    outputs.add(new PluginArray(execution.outputs().get(i), results.get(i)));
                }
                return outputs;
            }

            @Override
            public void close() {
                executable.close();
            }
        };
    }

    /** {@code work}'s result, computed on the compiler's large-stack thread; its exception, if it throws one. */
    private <T> T onCompilerThread(Callable<T> work) {
        Future<T> result = compiler.submit(work);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException interruption) {
                    interrupted = true; // a compile cannot be abandoned halfway: wait for it
                }
            }
        } catch (ExecutionException failure) {
            switch (failure.getCause()) {
                case RuntimeException unchecked -> throw unchecked;
                case Error error -> throw error;
                default -> throw new IllegalStateException("compiling an XLA program failed", failure.getCause());
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The types of the results of a Caracal program's {@code @main}, from its signature. */
    static List<TensorType> resultTypes(String program) {
        Matcher signature = SIGNATURE.matcher(program);
        if (!signature.find()) {
            throw new IllegalArgumentException("not a Caracal program: no func.func public @main signature");
        }
        return types(signature.group(2));
    }

    /** The tensor types of a comma-separated list ({@code tensor<4x64xf32>, tensor<f32>}). */
    static List<TensorType> types(String list) {
        List<TensorType> types = new ArrayList<>();
        Matcher type = TYPE.matcher(list);
        while (type.find()) {
            String[] parts = type.group(1).split("x");
            String element = parts[parts.length - 1];
            long[] dimensions = Arrays.stream(parts, 0, parts.length - 1).mapToLong(Long::parseLong).toArray();
            types.add(new TensorType(Arrays.stream(ElementType.values()).filter(e -> e.mlir().equals(element))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown element type " + element)),
                    dimensions));
        }
        return types;
    }

    @Override
    public void close() {
        compiler.shutdown();
        client.close();
    }
}
