package dev.caracal.backend.xla.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/** A {@code PJRT_LoadedExecutable}: a compiled program, ready to run on its client's device. */
public final class PjrtLoadedExecutable extends NativeHandle {

    /**
     * What one execution produced: its output buffers (the caller closes them) and the event that fires when the
     * device has finished (empty where the plugin gave none).
     */
    public record Execution(List<PjrtBuffer> outputs, Optional<PjrtEvent> completion) {
    }

    private final PjrtClient client;
    private int outputs = -1;

    PjrtLoadedExecutable(PjrtClient client, MemorySegment address) {
        super(client.api, address, "loaded executable");
        this.client = client;
    }

    /** How many buffers one execution returns. */
    public synchronized int numOutputs() {
        if (outputs < 0) {
            try (Arena arena = Arena.ofConfined()) {
                Args get = Args.allocate(arena, PjrtStructs.LOADED_EXECUTABLE_GET_EXECUTABLE)
                        .set("loaded_executable", address());
                api.call(PjrtFunction.LOADED_EXECUTABLE_GET_EXECUTABLE, get);
                MemorySegment executable = get.address("executable");
                try {
                    Args count = Args.allocate(arena, PjrtStructs.EXECUTABLE_NUM_OUTPUTS).set("executable",
                            executable);
                    api.call(PjrtFunction.EXECUTABLE_NUM_OUTPUTS, count);
                    outputs = Math.toIntExact(count.getLong("num_outputs"));
                } finally {
                    api.call(PjrtFunction.EXECUTABLE_DESTROY, Args.allocate(arena, PjrtStructs.EXECUTABLE_DESTROY)
                            .set("executable", executable));
                }
            }
        }
        return outputs;
    }

    /**
     * Runs the program on {@code arguments}, on the device it was compiled for. The arguments whose indices are in
     * {@code donated} may be consumed (their memory reused for outputs, where the program aliases them): they are
     * unusable afterwards except to close. Every other argument is passed as non-donatable, so the runtime keeps it.
     */
    public Execution execute(List<PjrtBuffer> arguments, Set<Integer> donated) {
        for (int index : donated) {
            if (index < 0 || index >= arguments.size()) {
                throw new IllegalArgumentException("donated argument " + index + " is not one of the "
                        + arguments.size() + " arguments");
            }
        }
        int outputCount = numOutputs();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment argumentList = arena.allocate(PjrtStructs.POINTER, Math.max(1, arguments.size()));
            for (int i = 0; i < arguments.size(); i++) {
                argumentList.setAtIndex(PjrtStructs.POINTER, i, arguments.get(i).address());
            }
            MemorySegment outputList = arena.allocate(PjrtStructs.POINTER, Math.max(1, outputCount));
            long[] kept = IntStream.range(0, arguments.size()).filter(index -> !donated.contains(index))
                    .asLongStream().toArray();
            Args options = Args.allocate(arena, PjrtStructs.EXECUTE_OPTIONS);
            if (kept.length > 0) {
                options.set("non_donatable_input_indices", arena.allocateFrom(ValueLayout.JAVA_LONG, kept))
                        .set("num_non_donatable_input_indices", kept.length);
            }
            MemorySegment completion = arena.allocate(PjrtStructs.POINTER);
            Args args = Args.allocate(arena, PjrtStructs.LOADED_EXECUTABLE_EXECUTE).set("executable", address())
                    .set("options", options.segment())
                    .set("argument_lists", arena.allocateFrom(PjrtStructs.POINTER, argumentList))
                    .set("num_devices", 1).set("num_args", arguments.size())
                    .set("output_lists", arena.allocateFrom(PjrtStructs.POINTER, outputList))
                    .set("device_complete_events", completion);
            api.call(PjrtFunction.LOADED_EXECUTABLE_EXECUTE, args);
            donated.forEach(index -> arguments.get(index).markDonated());
            List<PjrtBuffer> results = new ArrayList<>();
            for (int i = 0; i < outputCount; i++) {
                results.add(new PjrtBuffer(api, outputList.getAtIndex(PjrtStructs.POINTER, i), Optional.empty()));
            }
            return new Execution(List.copyOf(results), PjrtEvent.of(api, completion.get(PjrtStructs.POINTER, 0)));
        }
    }

    /** The client that compiled it. */
    public PjrtClient client() {
        return client;
    }

    @Override
    void destroy(MemorySegment address) {
        try (Arena arena = Arena.ofConfined()) {
            api.call(PjrtFunction.LOADED_EXECUTABLE_DESTROY, Args.allocate(arena,
                    PjrtStructs.LOADED_EXECUTABLE_DESTROY).set("executable", address));
        }
    }
}
