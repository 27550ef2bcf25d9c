package dev.caracal.api.tensor;

import java.util.Optional;

/**
 * The GGML weight formats as plain data: how many elements one block holds and how many bytes it takes.
 *
 * <p>This is the one weight vocabulary every backend speaks. The type ids are ggml's {@code ggml_type}
 * values as stored in GGUF tensor infos. Block layouts (bytes, in order):
 *
 * <ul>
 *   <li>F32, F16, BF16: one element per block.
 *   <li>Q4_0: f16 scale d, 16 bytes of 4-bit quants (element j in the low nibble of byte j, element j+16
 *       in its high nibble); value = d * (q - 8).
 *   <li>Q4_1: f16 d, f16 m, 16 bytes of nibbles; value = d * q + m.
 *   <li>Q5_0: f16 d, 4 bytes of fifth bits, 16 bytes of nibbles; value = d * (q - 16).
 *   <li>Q5_1: f16 d, f16 m, 4 bytes of fifth bits, 16 bytes of nibbles; value = d * q + m.
 *   <li>Q8_0: f16 d, 32 signed bytes; value = d * q.
 *   <li>IQ4_NL: f16 d, 16 bytes of 4-bit indices laid out as Q4_0's; value = d * codebook[q], a fixed non-uniform
 *       codebook of 16 values from -127 to 113 ({@code kvalues_iq4nl}).
 *   <li>K-quants (256 elements in super-blocks of 16 or 32 element sub-blocks): Q2_K 84 bytes, Q3_K 110,
 *       Q4_K 144, Q5_K 176, Q6_K 210, Q8_K 292 (f32 d, 256 signed bytes, 16 int16 block sums).
 * </ul>
 */
public enum QuantFormat {
    F32(0, 1, 4),
    F16(1, 1, 2),
    Q4_0(2, 32, 18),
    Q4_1(3, 32, 20),
    Q5_0(6, 32, 22),
    Q5_1(7, 32, 24),
    Q8_0(8, 32, 34),
    Q2_K(10, 256, 84),
    Q3_K(11, 256, 110),
    Q4_K(12, 256, 144),
    Q5_K(13, 256, 176),
    Q6_K(14, 256, 210),
    Q8_K(15, 256, 292),
    IQ4_NL(20, 32, 18),
    BF16(30, 1, 2);

    private final int ggmlTypeId;
    private final int blockSize;
    private final int bytesPerBlock;

    QuantFormat(int ggmlTypeId, int blockSize, int bytesPerBlock) {
        this.ggmlTypeId = ggmlTypeId;
        this.blockSize = blockSize;
        this.bytesPerBlock = bytesPerBlock;
    }

    /** The {@code ggml_type} id stored in GGUF tensor infos. */
    public int ggmlTypeId() {
        return ggmlTypeId;
    }

    /** Elements in one block. */
    public int blockSize() {
        return blockSize;
    }

    /** Bytes one block takes. */
    public int bytesPerBlock() {
        return bytesPerBlock;
    }

    /** True for the formats that store one plain number per element (F32, F16, BF16). */
    public boolean isFloatingPoint() {
        return blockSize == 1;
    }

    /**
     * Bytes taken by {@code elementCount} elements of this format.
     *
     * @throws IllegalArgumentException when the count is negative or not a whole number of blocks
     */
    public long bytesFor(long elementCount) {
        if (elementCount < 0) {
            throw new IllegalArgumentException("negative element count " + elementCount);
        }
        if (elementCount % blockSize != 0) {
            throw new IllegalArgumentException(
                    name() + " stores elements in blocks of " + blockSize + "; " + elementCount + " is not a multiple");
        }
        return Math.multiplyExact(elementCount / blockSize, (long) bytesPerBlock);
    }

    /**
     * Checks that {@code bytes} holds weight {@code name} of {@code shape} (outermost first) in this format, with rows
     * of whole blocks, as a backend that reads rows block by block needs.
     *
     * @throws IllegalArgumentException naming the weight, when a row is not whole blocks or the size differs
     */
    public void checkWeight(String name, long[] shape, long bytes) {
        long elements = 1;
        for (long dimension : shape) {
            elements = Math.multiplyExact(elements, dimension);
        }
        long columns = shape[shape.length - 1];
        if (columns % blockSize != 0) {
            throw new IllegalArgumentException(name + " " + java.util.Arrays.toString(shape) + ": rows of " + columns
                    + " are not whole " + name() + " blocks of " + blockSize);
        }
        long expected = bytesFor(elements);
        if (bytes != expected) {
            throw new IllegalArgumentException(name + " " + java.util.Arrays.toString(shape) + " " + name() + " needs "
                    + expected + " bytes, got " + bytes);
        }
    }

    /** The format with this {@code ggml_type} id, if Caracal knows it. */
    public static Optional<QuantFormat> fromGgmlTypeId(int ggmlTypeId) {
        for (QuantFormat format : values()) {
            if (format.ggmlTypeId == ggmlTypeId) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
