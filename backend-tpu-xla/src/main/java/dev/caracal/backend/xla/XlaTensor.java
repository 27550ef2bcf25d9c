package dev.caracal.backend.xla;

import dev.caracal.api.tensor.Tensor;
import dev.caracal.backend.xla.program.ElementType;
import dev.caracal.backend.xla.program.TensorType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

/**
 * A float32 activation tensor on an XLA device: rows {@code [firstRow, firstRow + rows)} of a {@link Storage}, an
 * immutable device array that each kernel writing the tensor replaces with its result.
 */
final class XlaTensor implements Tensor {

    /** The array behind a tensor and its slices: {@code [rows, columns]} f32. */
    static final class Storage {

        private final XlaBackend backend;
        private final XlaDevice device;
        private final int rows;
        private final int columns;
        private XlaDevice.DeviceArray array;
        /** The values of {@link #hostCopyOf} on the host: rows read after a step come from one download. */
        private float[] hostCopy;
        private XlaDevice.DeviceArray hostCopyOf;

        Storage(XlaBackend backend, int rows, int columns) {
            this.backend = backend;
            this.device = backend.device();
            this.rows = rows;
            this.columns = columns;
            try (Arena arena = Arena.ofConfined()) {
                this.array = device.upload(type(), arena.allocate(Math.max(4L, (long) rows * columns * 4)).asSlice(0,
                        (long) rows * columns * 4));
            }
        }

        TensorType type() {
            return new TensorType(ElementType.F32, rows, columns);
        }

        int rows() {
            return rows;
        }

        XlaDevice.DeviceArray array() {
            return array;
        }

        /** Takes {@code next} as the tensor's contents and frees the array it had, unless a program consumed it. */
        void replace(XlaDevice.DeviceArray next, boolean consumed) {
            XlaDevice.DeviceArray previous = array;
            array = next;
            if (!consumed && previous != next) {
                previous.close();
            }
        }

        /**
         * The tensor's values, once the traced kernels that write them have run: downloaded once per array (every
         * program or upload writing the tensor gives it a new one), so reading a step's rows one by one moves the
         * storage once, not once a row. Callers must not change the array returned.
         */
        float[] download() {
            backend.flush();
            if (hostCopyOf != array) {
                float[] values = new float[rows * columns];
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment bytes = arena.allocate(Math.max(4L, values.length * 4L)).asSlice(0,
                            values.length * 4L);
                    device.download(array, bytes);
                    MemorySegment.copy(bytes, ValueLayout.JAVA_FLOAT, 0, values, 0, values.length);
                }
                hostCopy = values;
                hostCopyOf = array;
            }
            return hostCopy;
        }

        /** Replaces the tensor's values by {@code values}, which the storage keeps as its host copy. */
        void upload(float[] values) {
            backend.flush();
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment bytes = arena.allocate(Math.max(4L, values.length * 4L)).asSlice(0, values.length * 4L);
                MemorySegment.copy(values, 0, bytes, ValueLayout.JAVA_FLOAT, 0, values.length);
                replace(device.upload(type(), bytes), false);
            }
            hostCopy = values;
            hostCopyOf = array;
        }
    }

    private final Storage storage;
    private final int firstRow;
    private final int rows;

    XlaTensor(Storage storage, int firstRow, int rows) {
        this.storage = storage;
        this.firstRow = firstRow;
        this.rows = rows;
    }

    Storage storage() {
        return storage;
    }

    int firstRow() {
        return firstRow;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int columns() {
        return storage.columns;
    }

    @Override
    public XlaTensor slice(int first, int count) {
        Objects.checkFromIndexSize(first, count, rows);
        return new XlaTensor(storage, firstRow + first, count);
    }

    @Override
    public void write(int row, float[] source, int offset) {
        Objects.checkIndex(row, rows);
        Objects.checkFromIndexSize(offset, columns(), source.length);
        float[] values = storage.download().clone();
        System.arraycopy(source, offset, values, (firstRow + row) * columns(), columns());
        storage.upload(values);
    }

    @Override
    public void read(int row, float[] destination, int offset) {
        Objects.checkIndex(row, rows);
        Objects.checkFromIndexSize(offset, columns(), destination.length);
        System.arraycopy(storage.download(), (firstRow + row) * columns(), destination, offset, columns());
    }

    /** {@inheritDoc} One download of the storage for all the rows. */
    @Override
    public void readRows(int first, int count, float[][] destinations) {
        Objects.checkFromIndexSize(first, count, rows);
        Objects.checkFromIndexSize(0, count, destinations.length);
        float[] values = storage.download();
        for (int i = 0; i < count; i++) {
            System.arraycopy(values, (firstRow + first + i) * columns(), destinations[i], 0, columns());
        }
    }

    /** The tensor behind {@code tensor}, which must come from an XLA backend. */
    static XlaTensor of(Tensor tensor) {
        if (tensor instanceof XlaTensor xla) {
            return xla;
        }
        throw new IllegalArgumentException("the XLA backend computes on its own tensors, not on a "
                + tensor.getClass().getSimpleName());
    }
}
