package dev.caracal.backend.xla;

import dev.caracal.backend.xla.program.TensorType;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;

/**
 * One XLA device as the backend uses it: arrays in its memory, programs compiled from StableHLO text, and their
 * execution. A PJRT plugin implements it on TPUs and GPUs; the tests implement it with a StableHLO interpreter.
 */
interface XlaDevice extends AutoCloseable {

    /** For people: the platform and device ({@code cuda: NVIDIA H100}, {@code tpu: TPU v5 lite}). */
    String name();

    /** Memory the device has, in bytes, or -1 when unknown. */
    long memoryBytes();

    /** Facts worth showing a person (plugin, API version, platform version). */
    Map<String, String> details();

    /** An array of {@code type} holding {@code bytes} (row-major, little-endian, exactly the type's size). */
    DeviceArray upload(TensorType type, MemorySegment bytes);

    /** Copies {@code array}'s bytes (row-major, little-endian) into {@code destination}. */
    void download(DeviceArray array, MemorySegment destination);

    /**
     * Compiles a StableHLO module ({@code func.func @main}); arguments marked {@code tf.aliasing_output} are donated
     * when it runs.
     */
    Program compile(String stableHlo);

    /** An array in device memory, freed by {@link #close()}. */
    interface DeviceArray extends AutoCloseable {

        TensorType type();

        @Override
        void close();
    }

    /** A compiled program. */
    interface Program extends AutoCloseable {

        /**
         * Runs the program on {@code arguments} (in the order of its parameters) and returns its results; the
         * arguments it aliases to a result are consumed (closed) by the call.
         */
        List<DeviceArray> execute(List<DeviceArray> arguments);

        @Override
        void close();
    }

    @Override
    void close();
}
