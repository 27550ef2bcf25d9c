package dev.caracal.backend.xla.internal;

import java.io.ByteArrayOutputStream;

/**
 * A serialized {@code xla.CompileOptionsProto} ({@code xla/pjrt/proto/compile_options.proto}), the compile options
 * {@code PJRT_Client_Compile} takes, written by hand: only {@code executable_build_options} (field 3, an
 * {@code ExecutableBuildOptionsProto}) with {@code num_replicas} (4) and {@code num_partitions} (5). Every other field
 * keeps its proto3 default ({@code device_ordinal} 0: the first device).
 */
public final class CompileOptions {

    private static final int EXECUTABLE_BUILD_OPTIONS = 3;
    private static final int NUM_REPLICAS = 4;
    private static final int NUM_PARTITIONS = 5;
    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;

    private CompileOptions() {
    }

    /** One replica, one partition: {@code 1A 04 20 01 28 01}. */
    public static byte[] singleDevice() {
        return of(1, 1);
    }

    /** {@code replicas} replicas of {@code partitions} partitions. */
    public static byte[] of(int replicas, int partitions) {
        if (replicas < 1 || partitions < 1) {
            throw new IllegalArgumentException("replicas and partitions must be at least 1, not " + replicas + " and "
                    + partitions);
        }
        ByteArrayOutputStream buildOptions = new ByteArrayOutputStream();
        tag(buildOptions, NUM_REPLICAS, VARINT);
        varint(buildOptions, replicas);
        tag(buildOptions, NUM_PARTITIONS, VARINT);
        varint(buildOptions, partitions);
        ByteArrayOutputStream options = new ByteArrayOutputStream();
        tag(options, EXECUTABLE_BUILD_OPTIONS, LENGTH_DELIMITED);
        varint(options, buildOptions.size());
        options.writeBytes(buildOptions.toByteArray());
        return options.toByteArray();
    }

    private static void tag(ByteArrayOutputStream out, int field, int wireType) {
        varint(out, (long) field << 3 | wireType);
    }

    /** Protobuf's base-128 varint: seven bits a byte, least significant first, the high bit set on all but the last. */
    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }
}
