package dev.caracal.backend.xla;

import dev.caracal.backend.xla.program.TensorType;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@link XlaDevice} that only keeps what it is given: arrays are their types, programs their text, and running a
 * program gives arrays of its result types. It shows which programs the backend writes, without running them.
 */
final class RecordingDevice implements XlaDevice {

    private final List<String> compiled = new ArrayList<>();
    private int uploads;
    private int downloads;

    private record Recorded(TensorType type) implements DeviceArray {
        @Override
        public void close() {
        }
    }

    /** The texts compiled so far, in order. */
    List<String> compiled() {
        return compiled;
    }

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public long memoryBytes() {
        return -1;
    }

    @Override
    public Map<String, String> details() {
        return Map.of();
    }

    /** How many arrays were uploaded so far. */
    int uploads() {
        return uploads;
    }

    @Override
    public DeviceArray upload(TensorType type, MemorySegment bytes) {
        uploads++;
        return new Recorded(type);
    }

    /** How many arrays were downloaded so far. */
    int downloads() {
        return downloads;
    }

    @Override
    public void download(DeviceArray array, MemorySegment destination) {
        downloads++;
        destination.fill((byte) 0);
    }

    @Override
    public Program compile(String stableHlo) {
        compiled.add(stableHlo);
        List<TensorType> results = PluginDevice.resultTypes(stableHlo);
        return new Program() {
            @Override
            public List<DeviceArray> execute(List<DeviceArray> arguments) {
                return results.stream().<DeviceArray>map(Recorded::new).toList();
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
