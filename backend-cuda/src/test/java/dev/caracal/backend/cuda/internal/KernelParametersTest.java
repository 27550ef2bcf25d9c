package dev.caracal.backend.cuda.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * The {@code kernelParams} array of a launch: the i-th pointer points at the i-th 8-byte slot, which holds a Long's 8
 * bytes, an Integer's 4 or a Float's 4 IEEE bytes, in the platform's order.
 */
class KernelParametersTest {

    @Test
    void eachArgumentIsWrittenIntoItsSlotAndPointedAt() {
        try (Arena arena = Arena.ofConfined()) {
            Object[] arguments = {0x0102030405060708L, -2, 1.5f};
            MemorySegment values = arena.allocate(24, 8);
            MemorySegment pointers = arena.allocate(ValueLayout.ADDRESS, 3);
            KernelParameters.write("k", arguments, values, pointers);

            for (int index = 0; index < 3; index++) {
                assertThat(pointers.getAtIndex(ValueLayout.ADDRESS, index).address())
                        .isEqualTo(values.address() + 8L * index);
            }
            ByteOrder order = ByteOrder.nativeOrder();
            assertThat(values.asSlice(0, 8).toArray(ValueLayout.JAVA_BYTE))
                    .containsExactly(ByteBuffer.allocate(8).order(order).putLong(0x0102030405060708L).array());
            assertThat(values.asSlice(8, 4).toArray(ValueLayout.JAVA_BYTE))
                    .containsExactly(ByteBuffer.allocate(4).order(order).putInt(-2).array());
            assertThat(values.asSlice(16, 4).toArray(ValueLayout.JAVA_BYTE))
                    .containsExactly(ByteBuffer.allocate(4).order(order).putInt(Float.floatToRawIntBits(1.5f))
                            .array());
        }
    }

    @Test
    void packingAllocatesTheValuesAndReturnsThePointers() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pointers = KernelParameters.pack(arena, "k", new Object[] {7L, Float.NaN});
            assertThat(pointers.byteSize()).isEqualTo(2 * ValueLayout.ADDRESS.byteSize());
            MemorySegment first = pointers.getAtIndex(ValueLayout.ADDRESS, 0).reinterpret(8);
            MemorySegment second = pointers.getAtIndex(ValueLayout.ADDRESS, 1).reinterpret(4);
            assertThat(first.get(ValueLayout.JAVA_LONG, 0)).isEqualTo(7L);
            assertThat(second.get(ValueLayout.JAVA_INT, 0)).isEqualTo(Float.floatToRawIntBits(Float.NaN));
            assertThat(second.address() - first.address()).isEqualTo(8);
            assertThat(KernelParameters.pack(arena, "k", new Object[0])).isEqualTo(MemorySegment.NULL);
        }
    }

    @Test
    void anythingButLongIntegerAndFloatIsRefused() {
        try (Arena arena = Arena.ofConfined()) {
            assertThatThrownBy(() -> KernelParameters.pack(arena, "rmsNorm", new Object[] {1L, 2.0}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("argument 1 of kernel rmsNorm is a java.lang.Double (2.0); a kernel argument is a Long"
                            + " (a device address or a 64-bit integer), an Integer or a Float");
            assertThatThrownBy(() -> KernelParameters.pack(arena, "rmsNorm", new Object[] {(short) 1}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Short");
            assertThatThrownBy(() -> KernelParameters.pack(arena, "rmsNorm", new Object[] {null}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("argument 0 of kernel rmsNorm"
                    + " is null");
        }
    }
}
