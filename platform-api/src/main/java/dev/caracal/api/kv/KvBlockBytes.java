package dev.caracal.api.kv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian reads and writes of the values in a KV block's bytes ({@link KvCache#readBlock}'s layout). */
public final class KvBlockBytes {

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class,
            ByteOrder.LITTLE_ENDIAN);

    private KvBlockBytes() {
    }

    /** The F32 value at byte {@code at}, bits preserved (NaN payloads included). */
    public static float getFloat(byte[] bytes, int at) {
        return Float.intBitsToFloat((int) INTS.get(bytes, at));
    }

    /** Writes an F32 value's bits at byte {@code at}. */
    public static void putFloat(byte[] bytes, int at, float value) {
        INTS.set(bytes, at, Float.floatToRawIntBits(value));
    }

    /** The F16 bits at byte {@code at}. */
    public static short getShort(byte[] bytes, int at) {
        return (short) SHORTS.get(bytes, at);
    }

    /** Writes F16 bits at byte {@code at}. */
    public static void putShort(byte[] bytes, int at, short value) {
        SHORTS.set(bytes, at, value);
    }

    /**
     * Copies {@code count} F32 values between {@code values[index ..]} and {@code bytes[at ..]}: into the bytes when
     * {@code read}, out of them otherwise. Returns the byte offset after them.
     */
    public static int transfer(float[] values, int index, byte[] bytes, int at, int count, boolean read) {
        for (int i = 0; i < count; i++, at += 4) {
            if (read) {
                putFloat(bytes, at, values[index + i]);
            } else {
                values[index + i] = getFloat(bytes, at);
            }
        }
        return at;
    }

    /** {@link #transfer(float[], int, byte[], int, int, boolean)} for F16 bits. */
    public static int transfer(short[] values, int index, byte[] bytes, int at, int count, boolean read) {
        for (int i = 0; i < count; i++, at += 2) {
            if (read) {
                putShort(bytes, at, values[index + i]);
            } else {
                values[index + i] = getShort(bytes, at);
            }
        }
        return at;
    }
}
