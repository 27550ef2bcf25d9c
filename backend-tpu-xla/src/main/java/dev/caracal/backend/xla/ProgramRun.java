package dev.caracal.backend.xla;

import dev.caracal.backend.xla.program.ElementType;
import dev.caracal.backend.xla.program.ProgramBuilder;
import dev.caracal.backend.xla.program.TensorType;
import dev.caracal.backend.xla.program.Value;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One kernel call as a StableHLO program: the tensors, weights and host arrays it reads become its parameters (a
 * tensor's whole storage, sliced inside the program when the call has a view of it), the tensors it writes become its
 * results, and running it compiles the text once (the backend caches programs by text) and replaces each written
 * tensor's storage with its result.
 */
final class ProgramRun {

    private final XlaBackend backend;
    private final ProgramBuilder builder = new ProgramBuilder();
    private final List<XlaDevice.DeviceArray> arguments = new ArrayList<>();
    private final List<XlaDevice.DeviceArray> temporaries = new ArrayList<>();
    private final Map<XlaTensor.Storage, Value> storages = new IdentityHashMap<>();
    private final List<Value> results = new ArrayList<>();
    private final List<Object> resultOwners = new ArrayList<>();

    ProgramRun(XlaBackend backend) {
        this.backend = backend;
    }

    ProgramBuilder builder() {
        return builder;
    }

    private Value storage(XlaTensor.Storage storage) {
        return storages.computeIfAbsent(storage, key -> {
            arguments.add(key.array());
            return builder.argument(key.type());
        });
    }

    /** The values of {@code tensor}, {@code [rows, columns]} f32. */
    Value read(XlaTensor tensor) {
        Value whole = storage(tensor.storage());
        if (tensor.whole()) {
            return whole;
        }
        return builder.slice(whole, new long[] {tensor.firstRow(), 0},
                new long[] {tensor.firstRow() + tensor.rows(), tensor.columns()});
    }

    /** A weight's array. */
    Value read(XlaWeight weight) {
        arguments.add(weight.array());
        return builder.argument(weight.array().type());
    }

    /** A device array the caller owns (a KV pool), donated to result {@code output} when that is not -1. */
    Value read(XlaDevice.DeviceArray array, int output) {
        arguments.add(array);
        return builder.argument(array.type(), output);
    }

    /** {@code values[0, count)} as an i32 parameter of {@code dimensions}. */
    Value ints(int[] values, int count, long... dimensions) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = arena.allocate(Math.max(4L, count * 4L)).asSlice(0, count * 4L);
            MemorySegment.copy(values, 0, bytes, ValueLayout.JAVA_INT, 0, count);
            return temporary(new TensorType(ElementType.I32, dimensions), bytes);
        }
    }

    /** {@code values} as an f32 parameter of {@code dimensions}. */
    Value floats(float[] values, long... dimensions) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = arena.allocate(Math.max(4L, values.length * 4L)).asSlice(0, values.length * 4L);
            MemorySegment.copy(values, 0, bytes, ValueLayout.JAVA_FLOAT, 0, values.length);
            return temporary(new TensorType(ElementType.F32, dimensions), bytes);
        }
    }

    private Value temporary(TensorType type, MemorySegment bytes) {
        XlaDevice.DeviceArray array = backend.device().upload(type, bytes);
        temporaries.add(array);
        arguments.add(array);
        return builder.argument(type);
    }

    /** {@code value} ({@code [rows, columns]} f32) becomes the contents of {@code tensor}. */
    void write(XlaTensor tensor, Value value) {
        Value result = value;
        if (!tensor.whole()) {
            Value whole = storage(tensor.storage());
            List<Value> parts = new ArrayList<>();
            long columns = tensor.columns();
            if (tensor.firstRow() > 0) {
                parts.add(builder.slice(whole, new long[] {0, 0}, new long[] {tensor.firstRow(), columns}));
            }
            parts.add(value);
            long end = tensor.firstRow() + tensor.rows();
            if (end < tensor.storage().rows()) {
                parts.add(builder.slice(whole, new long[] {end, 0}, new long[] {tensor.storage().rows(), columns}));
            }
            result = parts.size() == 1 ? value : builder.concatenate(0, parts.toArray(Value[]::new));
        }
        results.add(result);
        resultOwners.add(tensor.storage());
    }

    /** {@code value} is a result handed to {@code receiver} (a KV pool's next array). */
    void result(Value value, Consumer<XlaDevice.DeviceArray> receiver) {
        results.add(value);
        resultOwners.add(receiver);
    }

    /** Compiles (once per text) and runs the program, then hands each result to its tensor or receiver. */
    @SuppressWarnings("unchecked")
    void run() {
        String text = builder.build(results.toArray(Value[]::new));
        XlaDevice.Program program = backend.program(text);
        List<XlaDevice.DeviceArray> outputs;
        try {
            outputs = program.execute(arguments);
        } finally {
            temporaries.forEach(XlaDevice.DeviceArray::close);
        }
        for (int i = 0; i < outputs.size(); i++) {
            Object owner = resultOwners.get(i);
            if (owner instanceof XlaTensor.Storage storage) {
                storage.replace(outputs.get(i), false);
            } else {
                ((Consumer<XlaDevice.DeviceArray>) owner).accept(outputs.get(i));
            }
        }
    }
}
