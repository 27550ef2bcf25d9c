package dev.caracal.backend.xla;

import dev.caracal.backend.xla.hlo.HostArray;
import dev.caracal.backend.xla.hlo.StableHloInterpreter;
import dev.caracal.backend.xla.hlo.StableHloParser;
import dev.caracal.backend.xla.program.TensorType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@link XlaDevice} that parses each program with the tests' own StableHLO parser (the syntax check) and runs it
 * with the tests' interpreter, written from the StableHLO specification: the backend's programs computed without a
 * plugin. It counts compilations, so tests can see that a program is compiled once.
 */
final class InterpreterDevice implements XlaDevice {

    private int compilations;

    private record Array(TensorType type, HostArray values) implements DeviceArray {
        @Override
        public void close() {
        }
    }

    /** How many programs were compiled. */
    int compilations() {
        return compilations;
    }

    private static dev.caracal.backend.xla.hlo.TensorType oracleType(TensorType type) {
        return dev.caracal.backend.xla.hlo.TensorType.of(type.toString());
    }

    @Override
    public String name() {
        return "StableHLO interpreter (CPU)";
    }

    @Override
    public long memoryBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    @Override
    public Map<String, String> details() {
        return Map.of("interpreted", "true");
    }

    @Override
    public DeviceArray upload(TensorType type, MemorySegment bytes) {
        return new Array(type, HostArray.fromBytes(oracleType(type), bytes.toArray(ValueLayout.JAVA_BYTE)));
    }

    @Override
    public void download(DeviceArray array, MemorySegment destination) {
        byte[] bytes = ((Array) array).values().toBytes();
        MemorySegment.copy(bytes, 0, destination, ValueLayout.JAVA_BYTE, 0, bytes.length);
    }

    @Override
    public Program compile(String stableHlo) {
        compilations++;
        StableHloInterpreter interpreter = new StableHloInterpreter(StableHloParser.parse(stableHlo));
        List<TensorType> results = PluginDevice.resultTypes(stableHlo);
        return new Program() {
            @Override
            public List<DeviceArray> execute(List<DeviceArray> arguments) {
                List<HostArray> inputs = arguments.stream().map(array -> ((Array) array).values()).toList();
                List<HostArray> outputs = interpreter.run(inputs);
                List<DeviceArray> arrays = new ArrayList<>();
                for (int i = 0; i < outputs.size(); i++) {
                    arrays.add(new Array(results.get(i), outputs.get(i)));
                }
                return arrays;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() {
    }
}
