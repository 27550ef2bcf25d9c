package dev.caracal.backend.xla.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code PJRT_Client}: the plugin's view of its devices, which compiles programs and moves data to them. Devices
 * belong to the client and are valid until it is closed.
 */
public final class PjrtClient extends NativeHandle {

    /** The program format Caracal compiles: StableHLO as MLIR text (or bytecode). */
    static final String PROGRAM_FORMAT = "mlir";

    /** The signature of a module's {@code @main}: its parameters and its results. */
    private static final Pattern MAIN = Pattern.compile("@main\\((.*)\\) -> (\\(.*\\)|\\S+)");

    private PjrtClient(PjrtApi api, MemorySegment address) {
        super(api, address, "client");
    }

    /** A new client, with {@code options} ({@code preallocate}, {@code memory_fraction} for the GPU plugin). */
    static PjrtClient create(PjrtApi api, List<NamedValue> options) {
        try (Arena arena = Arena.ofConfined()) {
            Args args = Args.allocate(arena, PjrtStructs.CLIENT_CREATE)
                    .set("create_options", NamedValue.toNative(arena, options)).set("num_options", options.size());
            api.call(PjrtFunction.CLIENT_CREATE, args);
            return new PjrtClient(api, args.address("client"));
        }
    }

    public PjrtApi api() {
        return api;
    }

    /** {@code cpu}, {@code cuda}, {@code tpu} ... */
    public String platformName() {
        try (Arena arena = Arena.ofConfined()) {
            Args args = Args.allocate(arena, PjrtStructs.CLIENT_PLATFORM_NAME).set("client", address());
            api.call(PjrtFunction.CLIENT_PLATFORM_NAME, args);
            return args.string("platform_name", "platform_name_size");
        }
    }

    /** The platform's own version (the CUDA version on GPUs, libtpu's on TPUs). */
    public String platformVersion() {
        try (Arena arena = Arena.ofConfined()) {
            Args args = Args.allocate(arena, PjrtStructs.CLIENT_PLATFORM_VERSION).set("client", address());
            api.call(PjrtFunction.CLIENT_PLATFORM_VERSION, args);
            return args.string("platform_version", "platform_version_size");
        }
    }

    /** Every device the runtime sees, addressable from this process or not. */
    public List<PjrtDevice> devices() {
        return devices(PjrtFunction.CLIENT_DEVICES, PjrtStructs.CLIENT_DEVICES, "devices", "num_devices");
    }

    /** The devices this process can run on. */
    public List<PjrtDevice> addressableDevices() {
        return devices(PjrtFunction.CLIENT_ADDRESSABLE_DEVICES, PjrtStructs.CLIENT_ADDRESSABLE_DEVICES,
                "addressable_devices", "num_addressable_devices");
    }

    private List<PjrtDevice> devices(PjrtFunction function, StructLayout layout, String array, String count) {
        try (Arena arena = Arena.ofConfined()) {
            Args args = Args.allocate(arena, layout).set("client", address());
            api.call(function, args);
            long size = args.getLong(count);
            MemorySegment list = args.address(array).reinterpret(size * PjrtStructs.POINTER.byteSize());
            List<PjrtDevice> devices = new ArrayList<>();
            for (long i = 0; i < size; i++) {
                devices.add(new PjrtDevice(this, list.getAtIndex(PjrtStructs.POINTER, i)));
            }
            return List.copyOf(devices);
        }
    }

    /** Compiles a StableHLO module (MLIR text) for one device. */
    public PjrtLoadedExecutable compile(String stableHlo) {
        return compile(stableHlo, CompileOptions.singleDevice());
    }

    /**
     * Compiles a StableHLO module (MLIR text) with a serialized {@code CompileOptionsProto}.
     *
     * @throws XlaException where the plugin refuses the program; its message ends with the program in a line
     *                      ({@link #summary})
     */
    public PjrtLoadedExecutable compile(String stableHlo, byte[] compileOptions) {
        try (Arena arena = Arena.ofConfined()) {
            byte[] code = stableHlo.getBytes(StandardCharsets.UTF_8);
            byte[] format = PROGRAM_FORMAT.getBytes(StandardCharsets.US_ASCII);
            Args program = Args.allocate(arena, PjrtStructs.PROGRAM)
                    .set("code", arena.allocateFrom(ValueLayout.JAVA_BYTE, code)).set("code_size", code.length)
                    .set("format", arena.allocateFrom(ValueLayout.JAVA_BYTE, format))
                    .set("format_size", format.length);
            Args args = Args.allocate(arena, PjrtStructs.CLIENT_COMPILE).set("client", address())
                    .set("program", program.segment())
                    .set("compile_options", arena.allocateFrom(ValueLayout.JAVA_BYTE, compileOptions))
                    .set("compile_options_size", compileOptions.length);
            try {
                api.call(PjrtFunction.CLIENT_COMPILE, args);
            } catch (XlaException refused) {
                throw refused.withNote("program " + summary(stableHlo));
            }
            return new PjrtLoadedExecutable(this, args.address("executable"));
        }
    }

    /**
     * A program in a line, to say which one failed: its first line and its {@code @main}'s types
     * ({@code module @caracal, @main(tensor<2x8xf32>, tensor<8xbf16>) -> (tensor<2x8xf32>)}), at most 200 characters.
     */
    static String summary(String stableHlo) {
        String first = stableHlo.strip().lines().findFirst().orElse("").replaceFirst("\\s*\\{$", "");
        Matcher main = MAIN.matcher(stableHlo);
        String line = main.find() ? first + ", @main(" + main.group(1).replaceAll("%arg\\d+: ", "")
                .replaceAll(" \\{[^}]*}", "") + ") -> " + main.group(2) : first;
        return line.length() <= 200 ? line : line.substring(0, 197) + "...";
    }

    /**
     * A device buffer of {@code type} and {@code dimensions} (major to minor, dense) holding {@code data} (native
     * memory), on {@code device}. Unless {@code semantics} lets the buffer alias {@code data}, this returns once the
     * runtime is done reading {@code data}.
     */
    public PjrtBuffer bufferFromHost(MemorySegment data, PjrtBufferType type, long[] dimensions, PjrtDevice device,
            HostBufferSemantics semantics) {
        if (!data.isNative()) {
            throw new IllegalArgumentException("host data must be native memory (off the Java heap)");
        }
        long elements = 1;
        for (long dimension : dimensions) {
            elements = Math.multiplyExact(elements, dimension);
        }
        long bytes = (elements * type.bits() + 7) / 8;
        if (data.byteSize() < bytes) {
            throw new IllegalArgumentException("a " + type + " buffer of " + elements + " elements needs " + bytes
                    + " bytes of host data, not " + data.byteSize());
        }
        PjrtBuffer buffer;
        Optional<PjrtEvent> hostDone;
        try (Arena arena = Arena.ofConfined()) {
            Args args = Args.allocate(arena, PjrtStructs.CLIENT_BUFFER_FROM_HOST_BUFFER).set("client", address())
                    .set("data", data).setInt("type", type.code)
                    .set("dims", dimensions.length == 0 ? MemorySegment.NULL
                            : arena.allocateFrom(ValueLayout.JAVA_LONG, dimensions))
                    .set("num_dims", dimensions.length).setInt("host_buffer_semantics", semantics.code)
                    .set("device", device.address());
            api.call(PjrtFunction.CLIENT_BUFFER_FROM_HOST_BUFFER, args);
            hostDone = PjrtEvent.of(api, args.address("done_with_host_buffer"));
            buffer = new PjrtBuffer(api, args.address("buffer"), semantics.zeroCopy() ? hostDone : Optional.empty());
        }
        if (!semantics.zeroCopy() && hostDone.isPresent()) {
            try (PjrtEvent done = hostDone.get()) {
                done.await();
            } catch (RuntimeException failure) {
                buffer.close();
                throw failure;
            }
        }
        return buffer;
    }

    @Override
    void destroy(MemorySegment address) {
        try (Arena arena = Arena.ofConfined()) {
            api.call(PjrtFunction.CLIENT_DESTROY, Args.allocate(arena, PjrtStructs.CLIENT_DESTROY).set("client",
                    address));
        }
    }
}
