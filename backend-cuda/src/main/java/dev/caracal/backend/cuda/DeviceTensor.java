package dev.caracal.backend.cuda;

import dev.caracal.api.tensor.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/** A float32 {@code [rows, columns]} activation tensor in device memory, rows contiguous from {@code address}. */
final class DeviceTensor implements Tensor {

    private final LaunchQueue queue;
    private final long address;
    private final int rows;
    private final int columns;

    DeviceTensor(LaunchQueue queue, long address, int rows, int columns) {
        this.queue = queue;
        this.address = address;
        this.rows = rows;
        this.columns = columns;
    }

    /** Where row 0 is on the device. */
    long address() {
        return address;
    }

    /** The number of floats, {@code rows × columns}. */
    long size() {
        return (long) rows * columns;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public DeviceTensor slice(int firstRow, int rowCount) {
        Objects.checkFromIndexSize(firstRow, rowCount, rows);
        return new DeviceTensor(queue, address + (long) firstRow * columns * Float.BYTES, rowCount, columns);
    }

    @Override
    public void write(int row, float[] source, int offset) {
        Objects.checkIndex(row, rows);
        Objects.checkFromIndexSize(offset, columns, source.length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment staging = arena.allocate((long) columns * Float.BYTES, 64);
            MemorySegment.copy(source, offset, staging, ValueLayout.JAVA_FLOAT, 0, columns);
            queue.flush();
            queue.device().copyToDevice(staging, address + (long) row * columns * Float.BYTES, staging.byteSize());
        }
    }

    @Override
    public void read(int row, float[] destination, int offset) {
        Objects.checkIndex(row, rows);
        Objects.checkFromIndexSize(offset, columns, destination.length);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment staging = arena.allocate((long) columns * Float.BYTES, 64);
            queue.flush();
            queue.device().copyToHost(address + (long) row * columns * Float.BYTES, staging, staging.byteSize());
            MemorySegment.copy(staging, ValueLayout.JAVA_FLOAT, 0, destination, offset, columns);
        }
    }

    /** {@inheritDoc} One copy from the device for all the rows. */
    @Override
    public void readRows(int firstRow, int count, float[][] destinations) {
        Objects.checkFromIndexSize(firstRow, count, rows);
        Objects.checkFromIndexSize(0, count, destinations.length);
        long rowBytes = (long) columns * Float.BYTES;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment staging = arena.allocate(Math.max(1, count * rowBytes), 64);
            queue.flush();
            queue.device().copyToHost(address + firstRow * rowBytes, staging, count * rowBytes);
            for (int i = 0; i < count; i++) {
                MemorySegment.copy(staging, ValueLayout.JAVA_FLOAT, i * rowBytes, destinations[i], 0, columns);
            }
        }
    }

    /** The tensor behind {@code tensor}, which must come from a CUDA backend. */
    static DeviceTensor of(Tensor tensor) {
        if (tensor instanceof DeviceTensor device) {
            return device;
        }
        throw new IllegalArgumentException("the CUDA backend computes on its own tensors, not on a "
                + tensor.getClass().getSimpleName());
    }
}
