package dev.caracal.backend.xla.program;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A built program, what {@link ProgramBuilder#program} returns: its parameters, packed values, ops and results. Two are
 * equal exactly when their texts are, and comparing them is cheaper than writing the text, which is written only when
 * asked for ({@link #text()}, once): a backend keeps its compiled programs by these, so a step that traces the same
 * program as an earlier one finds it without writing its text.
 */
public final class StableHloProgram {

    private static final AtomicLong TEXTS_WRITTEN = new AtomicLong();

    private final TensorType[] arguments;
    private final int[] aliases;
    private final TensorType[] packed;
    private final Operation[] operations;
    private final Value[] results;
    private final int hash;
    private String text;

    /**
     * A program of {@code arguments} ({@code aliases[i]} the result parameter i is donated to, or -1), then the packed
     * parameters holding {@code packed} (grouped by element type, in the order of {@link ElementType}), whose body is
     * {@code operations} and which returns {@code results}.
     */
    StableHloProgram(TensorType[] arguments, int[] aliases, TensorType[] packed, Operation[] operations,
            Value[] results) {
        this.arguments = arguments;
        this.aliases = aliases;
        this.packed = packed;
        this.operations = operations;
        this.results = results;
        int code = Arrays.hashCode(arguments);
        code = 31 * code + Arrays.hashCode(aliases);
        code = 31 * code + Arrays.hashCode(packed);
        code = 31 * code + Arrays.hashCode(operations);
        this.hash = 31 * code + Arrays.hashCode(results);
    }

    /** How many program texts have been written in this JVM (tests check that a cached step writes none). */
    public static long textsWritten() {
        return TEXTS_WRITTEN.get();
    }

    /** The program's MLIR text ({@link ProgramBuilder}'s form), written the first time it is asked for. */
    public synchronized String text() {
        if (text == null) {
            text = write();
            TEXTS_WRITTEN.incrementAndGet();
        }
        return text;
    }

    private String write() {
        StringBuilder text = new StringBuilder(64 * operations.length + 1024);
        text.append("module @caracal {\n  func.func public @main(");
        for (int i = 0; i < arguments.length; i++) {
            text.append(i == 0 ? "%arg" : ", %arg").append(i).append(": ");
            arguments[i].appendTo(text);
            if (aliases[i] >= 0) {
                text.append(" {tf.aliasing_output = ").append(aliases[i]).append(" : i32}");
            }
        }
        StringBuilder unpacking = new StringBuilder();
        int pack = arguments.length;
        for (int first = 0; first < packed.length; pack++) {
            ElementType element = packed[first].element();
            int end = first;
            long size = 0;
            while (end < packed.length && packed[end].element() == element) {
                size += packed[end++].elementCount();
            }
            TensorType packType = new TensorType(element, size);
            text.append(pack == 0 ? "%arg" : ", %arg").append(pack).append(": ");
            packType.appendTo(text);
            long offset = 0;
            for (int i = first; i < end; i++) {
                unpack(unpacking, pack, packType, new Value(Value.Kind.PACKED, i - first, packed[i]), offset);
                offset += packed[i].elementCount();
            }
            first = end;
        }
        text.append(") -> (");
        appendTypes(text);
        text.append(") {\n").append(unpacking);
        for (int i = 0; i < operations.length; i++) {
            operations[i].appendTo(text, i);
        }
        text.append("    \"func.return\"(");
        for (int i = 0; i < results.length; i++) {
            results[i].appendName(i == 0 ? text : text.append(", "));
        }
        text.append(") : (");
        appendTypes(text);
        return text.append(") -> ()\n  }\n}\n").toString();
    }

    private void appendTypes(StringBuilder text) {
        for (int i = 0; i < results.length; i++) {
            results[i].type().appendTo(i == 0 ? text : text.append(", "));
        }
    }

    /** {@code value} as a slice of parameter {@code pack} from {@code offset}, reshaped unless it is 1-D. */
    private static void unpack(StringBuilder text, int pack, TensorType packType, Value value, long offset) {
        long size = value.type().elementCount();
        TensorType slice = new TensorType(value.type().element(), size);
        boolean reshaped = !slice.equals(value.type());
        value.appendName(text.append("    "));
        text.append(reshaped ? "s" : "").append(" = \"stablehlo.slice\"(%arg").append(pack)
                .append(") {start_indices = array<i64: ").append(offset).append(">, limit_indices = array<i64: ")
                .append(offset + size).append(">, strides = array<i64: 1>} : (");
        packType.appendTo(text).append(") -> ");
        slice.appendTo(text).append('\n');
        if (reshaped) {
            value.appendName(text.append("    ")).append(" = \"stablehlo.reshape\"(");
            value.appendName(text).append("s) : (");
            slice.appendTo(text).append(") -> ");
            value.type().appendTo(text).append('\n');
        }
    }

    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof StableHloProgram program && program.hash == hash
                && Arrays.equals(program.aliases, aliases) && Arrays.equals(program.arguments, arguments)
                && Arrays.equals(program.packed, packed) && Arrays.equals(program.results, results)
                && Arrays.equals(program.operations, operations);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "a program of " + arguments.length + " parameters and " + operations.length + " ops";
    }
}
