package dev.caracal.backend.cuda.internal;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One C function of a native library: the exported symbols to look for (the first found is used, so a newer
 * {@code _v2} can fall back to its older twin) and its prototype in FFM layouts. The tests check both against the
 * CUDA headers.
 *
 * @param symbols    exported names, preferred first
 * @param descriptor the C prototype
 */
record NativeFunction(List<String> symbols, FunctionDescriptor descriptor) {

    private static final MethodHandle MISSING;

    static {
        try {
            MISSING = MethodHandles.lookup().findStatic(NativeFunction.class, "missing",
                    MethodType.methodType(Object.class, String.class, String.class));
        } catch (ReflectiveOperationException impossible) {
            throw new ExceptionInInitializerError(impossible);
        }
    }

    NativeFunction {
        symbols = List.copyOf(symbols);
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("a native function needs a symbol");
        }
    }

    /** A function returning {@code result} and taking {@code parameters}. */
    static NativeFunction of(String symbol, MemoryLayout result, MemoryLayout... parameters) {
        return new NativeFunction(List.of(symbol), FunctionDescriptor.of(result, parameters));
    }

    /** The same function, looked for under {@code symbol} when none of the names so far is exported. */
    NativeFunction orElse(String symbol) {
        return new NativeFunction(Stream.concat(symbols.stream(), Stream.of(symbol)).toList(), descriptor);
    }

    /** The preferred symbol. */
    String name() {
        return symbols.getFirst();
    }

    /**
     * A downcall handle to the first of the symbols that {@code library} exports; where it exports none, a handle of
     * the same type that throws an {@link IllegalStateException} naming the function and {@code libraryName}, so that
     * a library lacking a function the caller never uses still loads.
     */
    MethodHandle bind(Linker linker, SymbolLookup library, String libraryName) {
        for (String symbol : symbols) {
            Optional<MemorySegment> address = library.find(symbol);
            if (address.isPresent()) {
                return linker.downcallHandle(address.get(), descriptor);
            }
        }
        MethodType type = descriptor.toMethodType();
        MethodHandle thrower = MethodHandles.insertArguments(MISSING, 0, libraryName, String.join(" or ", symbols))
                .asType(MethodType.methodType(type.returnType()));
        return MethodHandles.dropArguments(thrower, 0, type.parameterList());
    }

    private static Object missing(String libraryName, String symbols) {
        throw new IllegalStateException(libraryName + " has no " + symbols + ": the library is older than this backend"
                + " needs (CUDA 12 or newer)");
    }
}
