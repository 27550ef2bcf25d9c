package dev.caracal.backend.xla;

import dev.caracal.backend.xla.program.ElementType;
import dev.caracal.backend.xla.program.ProgramBuilder;
import dev.caracal.backend.xla.program.StableHloProgram;
import dev.caracal.backend.xla.program.TensorType;
import dev.caracal.backend.xla.program.Value;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The kernel calls since the last time a result was needed, traced into one StableHLO program: a whole engine step
 * (every layer's kernels) becomes one function. The tensors, weights, KV pools and host arrays the calls read become
 * its parameters (a tensor's whole storage, sliced inside the program where a call has a view of it; the host arrays
 * and view bounds packed into one parameter per element type, so a step uploads two arrays); each storage a call
 * writes, and each KV pool a store updates, becomes a result holding its final value, a pool's parameter being donated
 * to its result ({@code tf.aliasing_output}). Running the trace compiles its program once (the backend keeps programs
 * by their ops, so a decode step of one batch size compiles once and later ones write no text) and hands the results to
 * their tensors and pools.
 */
final class StepTrace {

    /** A KV pool in the trace: its cache, layer and part (0 keys, 1 values). */
    private record Pool(XlaKvCache cache, int layer, int part) {
    }

    private final XlaBackend backend;
    private final ProgramBuilder builder;
    private final List<XlaDevice.DeviceArray> arguments = new ArrayList<>();
    private final List<XlaDevice.DeviceArray> temporaries = new ArrayList<>();
    private final Map<XlaTensor.Storage, Value> storages = new IdentityHashMap<>();
    private final Map<XlaDevice.DeviceArray, Value> weights = new IdentityHashMap<>();
    private final Map<XlaTensor.Storage, Boolean> written = new LinkedHashMap<>();
    private final Map<Pool, Value> pools = new LinkedHashMap<>();
    private final Map<Pool, Value> poolArguments = new LinkedHashMap<>();
    private final Map<Pool, Boolean> poolsWritten = new LinkedHashMap<>();
    private final Map<ElementType, ByteBuffer> packs = new EnumMap<>(ElementType.class);
    private final Map<XlaTensor, Value> starts = new IdentityHashMap<>();
    private final Map<XlaTensor, Value> rowCounts = new IdentityHashMap<>();
    private final SortedSet<Integer> paddedRowCounts = new TreeSet<>();
    private long context;
    private int calls;

    StepTrace(XlaBackend backend) {
        this.backend = backend;
        this.builder = new ProgramBuilder(backend.precision());
    }

    ProgramBuilder builder() {
        return builder;
    }

    /** True when no kernel call was traced. */
    boolean isEmpty() {
        return calls == 0;
    }

    /** Counts a kernel call (for {@link #isEmpty()}). */
    void call() {
        calls++;
    }

    private Value storage(XlaTensor.Storage storage) {
        return storages.computeIfAbsent(storage, key -> {
            arguments.add(key.array());
            return builder.argument(key.type());
        });
    }

    /** {@code rows} rounded up to a power of two (the ladder of batch sizes; 0 stays 0). */
    static int rowBucket(int rows) {
        return rows <= 1 ? rows : Integer.highestOneBit(rows - 1) << 1;
    }

    /**
     * The rows a kernel computes for views of {@code tensors} (of as many rows): their {@link #rowBucket} when every
     * view has room for it in its storage (as views from their first row do: storages have a bucket's rows), so that a
     * step's program is the same for every batch size up to it; otherwise exactly theirs. The extra rows compute on
     * whatever their storage holds and are never written back (see {@link #write}).
     */
    int paddedRows(XlaTensor... tensors) {
        int rows = tensors[0].rows();
        int bucket = rowBucket(rows);
        for (XlaTensor tensor : tensors) {
            if (tensor.rows() != rows || tensor.firstRow() + bucket > tensor.storage().rows()) {
                bucket = rows;
            }
        }
        paddedRowCounts.add(bucket);
        return bucket;
    }

    /** Notes the positions an attention call reads (for {@link #bucket()}). */
    void context(long positions) {
        context = Math.max(context, positions);
    }

    /** The shape bucket for people: {@code rows 16/4, context 1024, 98 kernels}. */
    String bucket() {
        return "rows " + paddedRowCounts.reversed().stream().map(String::valueOf).collect(Collectors.joining("/"))
                + (context > 0 ? ", context " + context : "") + ", " + calls + " kernels";
    }

    /** The current values of {@code tensor}, {@code [rows, columns]} f32. */
    Value read(XlaTensor tensor) {
        return read(tensor, tensor.rows());
    }

    /**
     * The current values of {@code rows} rows of {@code tensor}'s storage from its first row ({@link #paddedRows}):
     * unless that is the whole storage, a window whose start is a parameter, so the text depends neither on where
     * the view starts nor on how many of the window's rows it has.
     */
    Value read(XlaTensor tensor, int rows) {
        Value whole = storage(tensor.storage());
        if (rows == tensor.storage().rows()) {
            return whole;
        }
        return builder.dynamicSlice(whole, new long[] {rows, tensor.columns()}, start(tensor),
                builder.scalar(0, ElementType.I32));
    }

    /**
     * The first row of {@code view}, a parameter: one per view object (a model's buffers are the same views in every
     * layer), so the text depends on which views the calls share, never on their values.
     */
    private Value start(XlaTensor view) {
        return starts.computeIfAbsent(view, key -> ints(new int[] {key.firstRow()}, 1));
    }

    /** The rows of {@code view}, a parameter, one per view object as {@link #start}. */
    private Value rowCount(XlaTensor view) {
        return rowCounts.computeIfAbsent(view, key -> ints(new int[] {key.rows()}, 1));
    }

    /** A weight's array (one parameter however often the step reads it, as a tied embedding is). */
    Value read(XlaWeight weight) {
        return weights.computeIfAbsent(weight.array(), array -> {
            arguments.add(array);
            return builder.argument(array.type());
        });
    }

    /** The current value of a KV pool ({@code part} 0 keys, 1 values) of {@code layer}. */
    Value pool(XlaKvCache cache, int layer, int part) {
        return pools.computeIfAbsent(new Pool(cache, layer, part), this::poolArgument);
    }

    /** A pool's parameter. */
    private Value poolArgument(Pool pool) {
        XlaDevice.DeviceArray array = pool.part() == 0 ? pool.cache().keys(pool.layer())
                : pool.cache().values(pool.layer());
        arguments.add(array);
        Value argument = builder.argument(array.type());
        poolArguments.put(pool, argument);
        return argument;
    }

    /** {@code value} becomes the pool's contents. */
    void pool(XlaKvCache cache, int layer, int part, Value value) {
        Pool pool = new Pool(cache, layer, part);
        pools.computeIfAbsent(pool, this::poolArgument);
        pools.put(pool, value);
        poolsWritten.put(pool, true);
    }

    /** {@code values[0, count)} as an i32 parameter of {@code dimensions} (packed: {@link ProgramBuilder#packed}). */
    Value ints(int[] values, int count, long... dimensions) {
        ByteBuffer bytes = packing(new TensorType(ElementType.I32, dimensions), count);
        bytes.asIntBuffer().put(values, 0, count);
        return builder.packed(new TensorType(ElementType.I32, dimensions));
    }

    /** {@code values} as an f32 parameter of {@code dimensions} (packed: {@link ProgramBuilder#packed}). */
    Value floats(float[] values, long... dimensions) {
        ByteBuffer bytes = packing(new TensorType(ElementType.F32, dimensions), values.length);
        bytes.asFloatBuffer().put(values);
        return builder.packed(new TensorType(ElementType.F32, dimensions));
    }

    /** Room for {@code count} more values of {@code type}'s element type in its pack, little-endian. */
    private ByteBuffer packing(TensorType type, int count) {
        if (type.elementCount() != count) {
            throw new IllegalArgumentException(count + " values for " + type);
        }
        ByteBuffer pack = packs.computeIfAbsent(type.element(), element -> ByteBuffer.allocate(256)
                .order(ByteOrder.LITTLE_ENDIAN));
        int bytes = count * type.element().bytes();
        if (pack.remaining() < bytes) {
            ByteBuffer larger = ByteBuffer.allocate(Math.max(2 * pack.capacity(), pack.position() + bytes))
                    .order(ByteOrder.LITTLE_ENDIAN);
            pack = larger.put(pack.flip());
            packs.put(type.element(), pack);
        }
        ByteBuffer slice = pack.slice().order(ByteOrder.LITTLE_ENDIAN);
        pack.position(pack.position() + bytes);
        return slice;
    }

    /** Uploads the packed parameters, which follow all the others. */
    private void uploadPacks() {
        try (Arena arena = Arena.ofConfined()) {
            for (TensorType type : builder.packedTypes()) {
                ByteBuffer pack = packs.get(type.element());
                MemorySegment bytes = arena.allocate(pack.position());
                MemorySegment.copy(MemorySegment.ofBuffer(pack.flip()), 0, bytes, 0, bytes.byteSize());
                XlaDevice.DeviceArray array = backend.device().upload(type, bytes);
                temporaries.add(array);
                arguments.add(array);
            }
        }
    }

    /**
     * {@code value} ({@code [rows, columns]} f32) becomes the contents of {@code tensor}. Unless its storage has one
     * row, only the view's rows of the window are written: the rest keeps its values (a select on the row index
     * against the view's row count, a parameter), so nothing outside the view changes whatever the padding, and the
     * text is the same whether the view is all of its storage or not.
     */
    void write(XlaTensor tensor, Value value) {
        long valueRows = value.type().dimension(0);
        Value result = value;
        if (tensor.storage().rows() > 1) {
            Value whole = storage(tensor.storage());
            Value start = start(tensor);
            Value zero = builder.scalar(0, ElementType.I32);
            Value old = builder.dynamicSlice(whole, new long[] {valueRows, tensor.columns()}, start, zero);
            TensorType rowIndexes = value.type().withElement(ElementType.I32);
            Value count = builder.broadcastInDim(rowCount(tensor), rowIndexes.dimensions());
            Value inView = builder.compare(builder.iota(rowIndexes, 0), count, ProgramBuilder.Direction.LT);
            result = builder.dynamicUpdateSlice(whole, builder.select(inView, value, old), start, zero);
        }
        storages.put(tensor.storage(), result);
        written.put(tensor.storage(), true);
    }

    /** {@code values[0, count)} followed by {@code filler} up to {@code rows} values. */
    static int[] padded(int[] values, int count, int rows, int filler) {
        int[] padded = java.util.Arrays.copyOf(values, rows);
        java.util.Arrays.fill(padded, Math.min(count, rows), rows, filler);
        return padded;
    }

    /** The program, results being every written storage's final value, then every updated pool's. */
    StableHloProgram program() {
        List<Value> results = new ArrayList<>();
        for (XlaTensor.Storage storage : written.keySet()) {
            results.add(storages.get(storage));
        }
        for (Pool pool : poolsWritten.keySet()) {
            builder.alias(poolArguments.get(pool), results.size());
            results.add(pools.get(pool));
        }
        return builder.program(results.toArray(Value[]::new));
    }

    /** Compiles (once per text) and runs the program, then hands each result to its storage or pool. */
    void run() {
        StableHloProgram traced = program();
        uploadPacks();
        XlaDevice.Program program = backend.program(traced, this::bucket);
        List<XlaDevice.DeviceArray> outputs;
        try {
            outputs = program.execute(arguments);
        } finally {
            temporaries.forEach(XlaDevice.DeviceArray::close);
        }
        int next = 0;
        for (XlaTensor.Storage storage : written.keySet()) {
            storage.replace(outputs.get(next++), false);
        }
        for (Pool pool : poolsWritten.keySet()) {
            pool.cache().replace(pool.layer(), pool.part(), outputs.get(next++));
        }
    }
}
