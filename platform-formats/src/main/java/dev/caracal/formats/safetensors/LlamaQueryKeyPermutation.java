package dev.caracal.formats.safetensors;

import java.lang.foreign.MemorySegment;

/**
 * Reorders the rows of Llama query and key projections between Hugging Face's rotary layout and GGUF's, as llama.cpp's
 * {@code convert_hf_to_gguf.py} does in {@code LlamaModel.permute}.
 *
 * <p>Within each head of {@code d} rows, Hugging Face rotates row {@code i} with row {@code i + d/2} (its
 * {@code rotate_half}); GGUF (and Meta's original checkpoints) rotate adjacent rows {@code 2i} and {@code 2i + 1}. The
 * permutation is {@code w.reshape(heads, 2, d/2, columns).swapaxes(1, 2).reshape(rows, columns)}: GGUF row
 * {@code h·d + 2i + j} is Hugging Face row {@code h·d + j·d/2 + i}. Rows are moved as opaque bytes, so any row format
 * works, and a bias (one element per row) is permuted the same way.
 */
public final class LlamaQueryKeyPermutation {

    private LlamaQueryKeyPermutation() {
    }

    /**
     * The Hugging Face row that becomes GGUF row {@code ggufRow}.
     *
     * @param rows      rows of the whole projection ({@code headCount × headSize})
     * @param headCount query heads for {@code q_proj}, key/value heads for {@code k_proj}
     */
    public static long huggingFaceRow(long ggufRow, long rows, int headCount) {
        checkShape(rows, headCount);
        long headSize = rows / headCount;
        long half = headSize / 2;
        long head = ggufRow / headSize;
        long inHead = ggufRow % headSize;
        long pair = inHead / 2;
        long side = inHead % 2;
        return head * headSize + side * half + pair;
    }

    /** The GGUF row that holds Hugging Face row {@code huggingFaceRow}: the inverse of {@link #huggingFaceRow}. */
    public static long ggufRow(long huggingFaceRow, long rows, int headCount) {
        checkShape(rows, headCount);
        long half = rows / headCount / 2;
        long inHead = huggingFaceRow % (2 * half);
        return huggingFaceRow - inHead + 2 * (inHead % half) + inHead / half;
    }

    /**
     * Copies {@code huggingFace} (rows in Hugging Face's rotary layout) into {@code gguf} with rows in GGUF's.
     *
     * @param huggingFace [rows, ...] the projection as stored in safetensors
     * @param gguf        [rows, ...] the same size; receives the permuted rows
     * @param rows        the outermost dimension
     * @param headCount   query heads for {@code q_proj}, key/value heads for {@code k_proj}
     */
    public static void toGguf(MemorySegment huggingFace, MemorySegment gguf, long rows, int headCount) {
        long rowBytes = rowBytes(huggingFace, gguf, rows, headCount);
        for (long row = 0; row < rows; row++) {
            long source = huggingFaceRow(row, rows, headCount);
            MemorySegment.copy(huggingFace, source * rowBytes, gguf, row * rowBytes, rowBytes);
        }
    }

    /**
     * The inverse of {@link #toGguf}: copies {@code gguf} (GGUF's rotary layout) into {@code huggingFace}.
     *
     * @param gguf        [rows, ...] the projection in GGUF's layout
     * @param huggingFace [rows, ...] the same size; receives rows in Hugging Face's layout
     */
    public static void toHuggingFace(MemorySegment gguf, MemorySegment huggingFace, long rows, int headCount) {
        long rowBytes = rowBytes(gguf, huggingFace, rows, headCount);
        for (long row = 0; row < rows; row++) {
            long target = huggingFaceRow(row, rows, headCount);
            MemorySegment.copy(gguf, row * rowBytes, huggingFace, target * rowBytes, rowBytes);
        }
    }

    /** True when {@code rows} splits into {@code headCount} heads of an even number of rows. */
    public static boolean canPermute(long rows, int headCount) {
        return headCount > 0 && rows > 0 && rows % (2L * headCount) == 0;
    }

    private static void checkShape(long rows, int headCount) {
        if (!canPermute(rows, headCount)) {
            throw new IllegalArgumentException(rows + " rows do not split into " + headCount
                    + " heads of an even number of rows");
        }
    }

    private static long rowBytes(MemorySegment source, MemorySegment target, long rows, int headCount) {
        checkShape(rows, headCount);
        if (source.byteSize() != target.byteSize() || source.byteSize() % rows != 0) {
            throw new IllegalArgumentException("source (" + source.byteSize() + " bytes) and target ("
                    + target.byteSize() + " bytes) must be the same size, a whole number of " + rows + " rows");
        }
        return source.byteSize() / rows;
    }
}
