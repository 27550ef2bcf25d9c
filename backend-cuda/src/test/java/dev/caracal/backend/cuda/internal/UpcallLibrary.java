package dev.caracal.backend.cuda.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link SymbolLookup} of Java upcalls: each method of a fake named like a symbol that {@code bindings} binds (a
 * class with {@link NativeFunction} constants) becomes a native function with the binding's descriptor. An exception
 * inside an upcall would crash the JVM, so it is recorded and the function returns {@code failureResult} instead.
 * Each call's symbol is added to {@code calls}.
 */
final class UpcallLibrary {

    private UpcallLibrary() {
    }

    static SymbolLookup of(Object fake, Class<?> bindings, String prefix, Set<String> omitted, Arena arena,
            List<String> calls, List<Throwable> failures, int failureResult) {
        Map<String, FunctionDescriptor> descriptors = new HashMap<>();
        for (NativeFunction function : BindingSignaturesTest.functionsOf(bindings)) {
            function.symbols().forEach(symbol -> descriptors.put(symbol, function.descriptor()));
        }
        Map<String, MemorySegment> symbols = new HashMap<>();
        try {
            MethodHandle record = MethodHandles.lookup().findStatic(UpcallLibrary.class, "record",
                    MethodType.methodType(Object.class, List.class, Object.class, Throwable.class));
            MethodHandle add = MethodHandles.lookup().findVirtual(List.class, "add",
                    MethodType.methodType(boolean.class, Object.class));
            for (Method method : fake.getClass().getDeclaredMethods()) {
                String symbol = method.getName();
                if (!symbol.startsWith(prefix) || omitted.contains(symbol)) {
                    continue;
                }
                FunctionDescriptor descriptor = descriptors.get(symbol);
                if (descriptor == null) {
                    throw new AssertionError("the fake has " + symbol + ", which is not bound");
                }
                method.setAccessible(true);
                MethodHandle call = MethodHandles.lookup().unreflect(method).bindTo(fake);
                MethodHandle noteCall = MethodHandles.insertArguments(add, 0, calls, symbol)
                        .asType(MethodType.methodType(void.class));
                MethodHandle target = MethodHandles.foldArguments(call, noteCall);
                if (!target.type().equals(descriptor.toMethodType())) {
                    throw new AssertionError(symbol + ": the fake is " + target.type() + ", the binding "
                            + descriptor.toMethodType());
                }
                // a function returning a pointer gives NULL, one returning a result code gives failureResult
                Object failedResult = target.type().returnType() == int.class ? (Object) failureResult
                        : MemorySegment.NULL;
                MethodHandle failed = MethodHandles.insertArguments(record, 0, failures, failedResult)
                        .asType(MethodType.methodType(target.type().returnType(), Throwable.class));
                MethodHandle guarded = MethodHandles.catchException(target, Throwable.class,
                        MethodHandles.dropArguments(failed, 1, target.type().parameterList()));
                symbols.put(symbol, Linker.nativeLinker().upcallStub(guarded, descriptor, arena));
            }
        } catch (ReflectiveOperationException impossible) {
            throw new AssertionError(impossible);
        }
        return name -> Optional.ofNullable(symbols.get(name));
    }

    private static Object record(List<Throwable> failures, Object failedResult, Throwable failure) {
        failures.add(failure);
        return failedResult;
    }
}
