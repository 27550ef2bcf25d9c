package dev.caracal.backend.xla.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A loaded PJRT plugin: the {@code PJRT_Api} table its {@code GetPjrtApi()} returns, its version checked, and the
 * functions Caracal calls bound from it; loaded and initialized once per file for the life of the process.
 *
 * <p>Version policy. The args structs are laid out as header {@value #MAJOR}.{@value #MINOR} declares them. A plugin of
 * another major version, or older than {@value #MINIMUM_MAJOR}.{@value #MINIMUM_MINOR}, is refused when it loads (a
 * struct only grows between minor versions, so an older plugin from the minimum on reads the fields it knows and
 * ignores the rest). A plugin newer than the bindings is accepted: the probe says so, and where it refuses one of our
 * args structs as smaller than its own, the {@link XlaException} adds that the plugin is newer than the bindings.
 */
public final class PjrtApi {

    /** The version of {@code pjrt_c_api.h} the layouts are taken from. */
    public static final int MAJOR = 0;
    public static final int MINOR = 105;
    /** The oldest plugin API accepted: 0.95, the oldest header the layouts were checked against. */
    public static final int MINIMUM_MAJOR = MAJOR;
    public static final int MINIMUM_MINOR = 95;

    /** The entry point every plugin exports: {@code const PJRT_Api* GetPjrtApi(void)}. */
    static final String ENTRY_POINT = "GetPjrtApi";

    private static final Map<Path, PjrtApi> LOADED = new HashMap<>();

    /**
     * What XLA's plugins say of an args struct smaller than theirs: {@code Unexpected NAME size: expected N, got M}.
     */
    private static final Pattern STRUCT_SIZE_COMPLAINT = Pattern.compile("Unexpected \\S+ size: expected");

    private final Path plugin;
    private final int major;
    private final int minor;
    private final Map<PjrtFunction, MethodHandle> functions;

    private PjrtApi(Path plugin, int major, int minor, Map<PjrtFunction, MethodHandle> functions) {
        this.plugin = plugin;
        this.major = major;
        this.minor = minor;
        this.functions = functions;
    }

    /**
     * The plugin at {@code file}, loaded, checked and initialized (once per file for the process).
     *
     * @throws PjrtPluginException where the file cannot be loaded, exports no {@code GetPjrtApi}, speaks an API
     *                             version Caracal refuses, or fails to initialize
     */
    public static PjrtApi load(Path file) {
        Path key = canonical(file);
        synchronized (LOADED) {
            PjrtApi loaded = LOADED.get(key);
            if (loaded == null) {
                loaded = open(file);
                LOADED.put(key, loaded);
            }
            return loaded;
        }
    }

    private static PjrtApi open(Path file) {
        SymbolLookup library;
        try {
            library = SymbolLookup.libraryLookup(file, Arena.global());
        } catch (IllegalArgumentException failure) {
            throw new PjrtPluginException("the system's loader could not open " + file + " (not a shared library,"
                    + " one built for another platform, or one whose dependencies are missing): "
                    + failure.getMessage(), failure);
        }
        MemorySegment entryPoint = library.find(ENTRY_POINT).orElseThrow(() -> new PjrtPluginException(file
                + " exports no " + ENTRY_POINT + ": it is not a PJRT plugin"));
        Linker linker = Linker.nativeLinker();
        MemorySegment table;
        try {
            table = (MemorySegment) linker.downcallHandle(entryPoint, FunctionDescriptor.of(PjrtStructs.POINTER))
                    .invokeExact();
        } catch (Throwable failure) {
            throw new PjrtPluginException(file + ": " + ENTRY_POINT + " failed: " + failure, failure);
        }
        if (table.equals(MemorySegment.NULL)) {
            throw new PjrtPluginException(file + ": " + ENTRY_POINT + " returned no PJRT_Api");
        }
        long tableSize = table.reinterpret(8).get(PjrtStructs.SIZE, 0);
        if (tableSize < PjrtStructs.API_HEAD.byteSize()) {
            throw new PjrtPluginException("plugin " + file + " returned a PJRT_Api of " + tableSize
                    + " bytes, too small to hold its version");
        }
        table = table.reinterpret(tableSize);
        Args head = Args.at(table, PjrtStructs.API_HEAD, 0);
        int major = head.getInt("pjrt_api_version.major_version");
        int minor = head.getInt("pjrt_api_version.minor_version");
        refuseVersion(file, major, minor);
        long needed = Arrays.stream(PjrtFunction.values()).mapToLong(function -> function.offset() + 8).max()
                .orElseThrow();
        if (tableSize < needed) {
            throw new PjrtPluginException("plugin " + file + " speaks PJRT C API " + major + "." + minor
                    + " but its PJRT_Api table is " + tableSize + " bytes, too short for the functions Caracal calls"
                    + " (" + needed + " bytes)");
        }
        Map<PjrtFunction, MethodHandle> functions = new EnumMap<>(PjrtFunction.class);
        for (PjrtFunction function : PjrtFunction.values()) {
            functions.put(function, function.bind(linker, table, tableSize, file.toString()));
        }
        PjrtApi api = new PjrtApi(file, major, minor, functions);
        try (Arena arena = Arena.ofConfined()) {
            api.call(PjrtFunction.PLUGIN_INITIALIZE, Args.allocate(arena, PjrtStructs.PLUGIN_INITIALIZE));
        } catch (XlaException | IllegalStateException failure) {
            throw new PjrtPluginException("plugin " + file + " failed to initialize: " + failure.getMessage(),
                    failure);
        }
        return api;
    }

    /** Refuses another major version, or a minor version older than the minimum. */
    static void refuseVersion(Path file, int major, int minor) {
        if (major != MINIMUM_MAJOR || minor < MINIMUM_MINOR) {
            throw new PjrtPluginException("plugin " + file + " speaks PJRT C API " + major + "." + minor
                    + ", Caracal needs at least " + MINIMUM_MAJOR + "." + MINIMUM_MINOR
                    + (major > MAJOR ? " and at most " + MAJOR + ".x (a new major version may move fields)" : ""));
        }
    }

    /** The plugin's file. */
    public Path plugin() {
        return plugin;
    }

    /** The API version the plugin was built with, {@code 0.105}. */
    public String version() {
        return major + "." + minor;
    }

    /**
     * Whether the plugin was built with a newer header than the layouts: it may refuse an args struct that has grown
     * since (its error then names the struct and both sizes).
     */
    public boolean newerThanBindings() {
        return minor > MINOR;
    }

    /** For a plugin newer than the bindings, a sentence saying so; else empty. */
    public Optional<String> newerThanBindingsWarning() {
        return newerThanBindings() ? Optional.of("PJRT " + version() + " is newer than Caracal's bindings (" + MAJOR
                + "." + MINOR + "): calls use the bindings' struct sizes, which the plugin may refuse as too small")
                : Optional.empty();
    }

    /** The plugin's attributes ({@code xla_version}, {@code stablehlo_current_version} ...). */
    public List<NamedValue> attributes() {
        try (Arena arena = Arena.ofConfined()) {
            Args args = Args.allocate(arena, PjrtStructs.PLUGIN_ATTRIBUTES);
            call(PjrtFunction.PLUGIN_ATTRIBUTES, args);
            return NamedValue.fromNative(args.address("attributes"), args.getLong("num_attributes"));
        }
    }

    /** A client of the plugin's devices, created with the plugin-specific {@code options}. */
    public PjrtClient createClient(List<NamedValue> options) {
        return PjrtClient.create(this, options);
    }

    /** Calls {@code function} with {@code args}; a returned {@code PJRT_Error} is thrown as an {@link XlaException}. */
    void call(PjrtFunction function, Args args) {
        Optional<XlaException> error = tryCall(function, args);
        if (error.isPresent()) {
            throw error.get();
        }
    }

    /** Calls {@code function} with {@code args}; a returned {@code PJRT_Error} comes back as an exception. */
    Optional<XlaException> tryCall(PjrtFunction function, Args args) {
        MemorySegment error;
        try {
            error = (MemorySegment) functions.get(function).invokeExact(args.segment());
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
        return error.equals(MemorySegment.NULL) ? Optional.empty() : Optional.of(exception(function.header, error));
    }

    /**
     * The {@link XlaException} for {@code error}, returned by {@code call}, with the plugin's message and code; the
     * error is destroyed.
     */
    XlaException exception(String call, MemorySegment error) {
        try (Arena arena = Arena.ofConfined()) {
            Args message = Args.allocate(arena, PjrtStructs.ERROR_MESSAGE).set("error", error);
            invokeVoid(PjrtFunction.ERROR_MESSAGE, message);
            String text = message.string("message", "message_size");
            Args code = Args.allocate(arena, PjrtStructs.ERROR_GET_CODE).set("error", error);
            MemorySegment codeError = (MemorySegment) functions.get(PjrtFunction.ERROR_GET_CODE)
                    .invokeExact(code.segment());
            int number = PjrtErrorCode.UNKNOWN.code;
            if (codeError.equals(MemorySegment.NULL)) {
                number = code.getInt("code");
            } else {
                destroy(codeError);
            }
            XlaException exception = new XlaException(call, number, text);
            if (newerThanBindings() && STRUCT_SIZE_COMPLAINT.matcher(text).find()) {
                return exception.withNote("the plugin (PJRT " + version() + ") is newer than Caracal's bindings ("
                        + MAJOR + "." + MINOR + ")");
            }
            return exception;
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        } finally {
            destroy(error);
        }
    }

    /** {@code PJRT_Error_Destroy}. */
    private void destroy(MemorySegment error) {
        try (Arena arena = Arena.ofConfined()) {
            invokeVoid(PjrtFunction.ERROR_DESTROY, Args.allocate(arena, PjrtStructs.ERROR_DESTROY).set("error",
                    error));
        }
    }

    private void invokeVoid(PjrtFunction function, Args args) {
        try {
            functions.get(function).invokeExact(args.segment());
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Path canonical(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException | SecurityException absent) {
            return file.toAbsolutePath().normalize();
        }
    }

    @Override
    public String toString() {
        return "PJRT plugin " + plugin + " (C API " + version() + ")";
    }
}
