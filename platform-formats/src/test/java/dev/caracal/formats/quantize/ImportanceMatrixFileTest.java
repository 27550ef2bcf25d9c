package dev.caracal.formats.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.ModelFormatException;
import dev.caracal.formats.gguf.GgufArray;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufValue;
import dev.caracal.formats.gguf.GgufValueType;
import dev.caracal.formats.gguf.GgufWriter;
import dev.caracal.formats.quantize.ImportanceMatrixFile.Entry;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImportanceMatrixFile} on Caracal's own GGUF files, on hand-built files in llama.cpp's GGUF layout (2-D sums,
 * per-expert counts, the extra {@code in_sum} tensor) and legacy {@code .dat} layout, and on damaged files.
 */
class ImportanceMatrixFileTest {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @TempDir
    Path temporary;

    @Test
    void whatItWritesItReads() throws Exception {
        ImportanceMatrixFile written = new ImportanceMatrixFile(List.of(
                new Entry("blk.0.attn_q.weight", new float[] {4, 8, 0, 2}, new float[] {4}),
                new Entry("blk.0.ffn_up_exps.weight", new float[] {1, 2, 3, 4, 5, 6}, new float[] {2, 0, 1})),
                List.of("calibration.txt"), 7, 128);
        Path file = temporary.resolve("imatrix.gguf");
        written.write(file);

        try (GgufFile gguf = GgufFile.open(file)) {
            assertThat(gguf.metadata().findString("general.type")).contains("imatrix");
            assertThat(gguf.tensor("blk.0.attn_q.weight.in_sum2").orElseThrow().dimensions()).containsExactly(4L);
            assertThat(gguf.tensor("blk.0.attn_q.weight.counts").orElseThrow().dimensions()).containsExactly(1L);
            assertThat(gguf.tensor("blk.0.ffn_up_exps.weight.in_sum2").orElseThrow().dimensions())
                    .containsExactly(2L, 3L);
            assertThat(gguf.tensor("blk.0.ffn_up_exps.weight.counts").orElseThrow().dimensions())
                    .containsExactly(1L, 3L);
        }
        ImportanceMatrixFile read = ImportanceMatrixFile.read(file);
        assertThat(read.datasets()).containsExactly("calibration.txt");
        assertThat(read.chunkCount()).isEqualTo(7);
        assertThat(read.chunkSize()).isEqualTo(128);
        assertThat(read.entries()).extracting(Entry::weight)
                .containsExactly("blk.0.attn_q.weight", "blk.0.ffn_up_exps.weight");
        Entry dense = read.entry("blk.0.attn_q.weight").orElseThrow();
        assertThat(dense.columns()).isEqualTo(4);
        assertThat(dense.matrices()).isEqualTo(1);
        assertThat(dense.importance()).containsExactly(1, 2, 0, 0.5f);
        Entry experts = read.entry("blk.0.ffn_up_exps.weight").orElseThrow();
        assertThat(experts.columns()).isEqualTo(2);
        assertThat(experts.matrices()).isEqualTo(3);
        // An expert that saw no rows counts 1 per column, as llama-quantize has it.
        assertThat(experts.importance()).containsExactly(0.5f, 1, 1, 1, 5, 6);
        assertThat(read.entry("output.weight")).isEmpty();
    }

    @Test
    void readsLlamaCppsGgufLayout() throws Exception {
        // llama-imatrix writes in_sum2 as [columns, matrices] and counts as [1, matrices], both 2-D, and newer
        // versions add NAME.in_sum, the plain sums, which quantization does not use.
        Path file = temporary.resolve("llama.imatrix.gguf");
        new GgufWriter()
                .put("general.type", GgufValue.ofString("imatrix"))
                .put("imatrix.datasets", GgufValue.ofArray(new GgufArray(GgufValueType.STRING,
                        new String[] {"wiki.train.raw", "more.txt"})))
                .put("imatrix.chunk_count", GgufValue.ofUint32(100))
                .put("imatrix.chunk_size", GgufValue.ofUint32(512))
                .addTensor("blk.0.attn_k.weight.in_sum", new long[] {4, 1}, QuantFormat.F32, floats(-1, 2, -3, 4))
                .addTensor("blk.0.attn_k.weight.in_sum2", new long[] {4, 1}, QuantFormat.F32, floats(10, 20, 30, 40))
                .addTensor("blk.0.attn_k.weight.counts", new long[] {1, 1}, QuantFormat.F32, floats(5))
                .addTensor("blk.1.ffn_gate_exps.weight.in_sum2", new long[] {2, 2}, QuantFormat.F32,
                        floats(1, 2, 9, 12))
                .addTensor("blk.1.ffn_gate_exps.weight.counts", new long[] {1, 2}, QuantFormat.F32, floats(4, 3))
                .write(file);
        ImportanceMatrixFile read = ImportanceMatrixFile.read(file);
        assertThat(read.datasets()).containsExactly("wiki.train.raw", "more.txt");
        assertThat(read.chunkCount()).isEqualTo(100);
        assertThat(read.chunkSize()).isEqualTo(512);
        assertThat(read.entries()).hasSize(2);
        assertThat(read.entry("blk.0.attn_k.weight").orElseThrow().importance()).containsExactly(2, 4, 6, 8);
        Entry experts = read.entry("blk.1.ffn_gate_exps.weight").orElseThrow();
        assertThat(experts.matrices()).isEqualTo(2);
        assertThat(experts.importance()).containsExactly(0.25f, 0.5f, 3, 4);
    }

    @Test
    void readsLlamaCppsLegacyDatLayout() throws Exception {
        // Values are mean squares times ncall; llama-quantize divides by ncall, or takes them as they are when ncall
        // is 0. After the entries: the chunk count and the dataset name.
        byte[] bytes = legacy(List.of(
                new LegacyEntry("blk.0.attn_q.weight", 10, new float[] {20, 40, 0, 5}),
                new LegacyEntry("output.weight", 0, new float[] {3, 1})), 10, "calibration.txt");
        Path file = temporary.resolve("imatrix.dat");
        Files.write(file, bytes);
        ImportanceMatrixFile read = ImportanceMatrixFile.read(file);
        assertThat(read.entries()).extracting(Entry::weight).containsExactly("blk.0.attn_q.weight", "output.weight");
        assertThat(read.entry("blk.0.attn_q.weight").orElseThrow().importance()).containsExactly(2, 4, 0, 0.5f);
        assertThat(read.entry("output.weight").orElseThrow().importance()).containsExactly(3, 1);
        assertThat(read.chunkCount()).isEqualTo(10);
        assertThat(read.chunkSize()).isZero();
        assertThat(read.datasets()).containsExactly("calibration.txt");

        // Older files end after the entries.
        byte[] bare = legacy(List.of(new LegacyEntry("blk.0.attn_q.weight", 2, new float[] {2, 4})), null, null);
        Files.write(file, bare);
        ImportanceMatrixFile old = ImportanceMatrixFile.read(file);
        assertThat(old.entry("blk.0.attn_q.weight").orElseThrow().importance()).containsExactly(1, 2);
        assertThat(old.datasets()).isEmpty();
        assertThat(old.chunkCount()).isZero();
    }

    @Test
    void damagedLegacyFilesFailWithWhatAndWhere() throws Exception {
        byte[] whole = legacy(List.of(new LegacyEntry("blk.0.attn_q.weight", 1, new float[] {1, 2, 3, 4})), 1, "d");
        // Cut inside the values: 4 + (4 + 19 + 4 + 4) bytes precede them.
        assertThat(failure(Arrays.copyOf(whole, 35 + 8)))
                .contains("at byte offset 35: truncated: 16 bytes for blk.0.attn_q.weight's 4 values, only 8 left");
        assertThat(failure(new byte[0])).contains("truncated: 4 bytes for the entry count, only 0 left");
        assertThat(failure("just some text, not numbers".getBytes(StandardCharsets.UTF_8)))
                .contains("neither a GGUF file nor llama.cpp's legacy imatrix layout");
        byte[] longName = whole.clone();
        ByteBuffer.wrap(longName).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 1000);
        assertThat(failure(longName)).contains("entry 1 of 1 has a name length of 1000 with");
        byte[] badDataset = Arrays.copyOf(whole, whole.length + 3);
        assertThat(failure(badDataset)).contains("the dataset name's length is 1 but 4 bytes follow it");
        byte[] nan = whole.clone();
        ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(35 + 8, Float.NaN);
        assertThat(failure(nan)).contains("at byte offset 43: blk.0.attn_q.weight value 2 is NaN");
    }

    @Test
    void ggufFilesThatAreNotImportanceMatricesAreRejected() throws Exception {
        Path model = temporary.resolve("model.gguf");
        new GgufWriter().put("general.type", GgufValue.ofString("model"))
                .addTensor("blk.0.attn_q.weight", new long[] {4, 4}, QuantFormat.F32, floats(new float[16]))
                .write(model);
        assertThatThrownBy(() -> ImportanceMatrixFile.read(model)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("general.type is 'model', not 'imatrix'");

        Path noEntries = temporary.resolve("empty.gguf");
        new GgufWriter().addTensor("token_embd.weight", new long[] {4}, QuantFormat.F32, floats(1, 2, 3, 4))
                .write(noEntries);
        assertThatThrownBy(() -> ImportanceMatrixFile.read(noEntries))
                .hasMessageContaining("holds no NAME.in_sum2 and NAME.counts tensors");

        Path f16 = temporary.resolve("f16.gguf");
        new GgufWriter().put("general.type", GgufValue.ofString("imatrix"))
                .addTensor("w.in_sum2", new long[] {4}, QuantFormat.F16, MemorySegment.ofArray(new byte[8]))
                .addTensor("w.counts", new long[] {1}, QuantFormat.F32, floats(1))
                .write(f16);
        assertThatThrownBy(() -> ImportanceMatrixFile.read(f16))
                .hasMessageContaining("w.in_sum2 is F16; an importance matrix holds F32 tensors");

        Path unpaired = temporary.resolve("unpaired.gguf");
        new GgufWriter().put("general.type", GgufValue.ofString("imatrix"))
                .addTensor("w.in_sum2", new long[] {4}, QuantFormat.F32, floats(1, 2, 3, 4))
                .write(unpaired);
        assertThatThrownBy(() -> ImportanceMatrixFile.read(unpaired))
                .hasMessageContaining("w.in_sum2 has no w.counts beside it");

        Path uneven = temporary.resolve("uneven.gguf");
        new GgufWriter().put("general.type", GgufValue.ofString("imatrix"))
                .addTensor("w.in_sum2", new long[] {5}, QuantFormat.F32, floats(1, 2, 3, 4, 5))
                .addTensor("w.counts", new long[] {1, 2}, QuantFormat.F32, floats(1, 1))
                .write(uneven);
        assertThatThrownBy(() -> ImportanceMatrixFile.read(uneven))
                .hasMessageContaining("w.in_sum2 holds 5 sums, not a whole number of columns for each of the 2");

        Path negative = temporary.resolve("negative.gguf");
        new GgufWriter().put("general.type", GgufValue.ofString("imatrix"))
                .addTensor("w.in_sum2", new long[] {2}, QuantFormat.F32, floats(1, -2))
                .addTensor("w.counts", new long[] {1}, QuantFormat.F32, floats(1))
                .write(negative);
        assertThatThrownBy(() -> ImportanceMatrixFile.read(negative))
                .hasMessageContaining("w.in_sum2 value 1 is -2.0; sums of squares and counts are finite");
    }

    private String failure(byte[] bytes) throws Exception {
        Path file = Files.write(temporary.resolve("damaged.dat"), bytes);
        try {
            ImportanceMatrixFile.read(file);
        } catch (ModelFormatException expected) {
            assertThat(expected.getMessage()).startsWith(file.toString());
            return expected.getMessage();
        }
        throw new AssertionError("read " + bytes.length + " damaged bytes without complaint");
    }

    private record LegacyEntry(String name, int calls, float[] values) {
    }

    /** llama.cpp's {@code save_imatrix_legacy} layout; {@code chunks} null for a file that ends after the entries. */
    static byte[] legacy(List<LegacyEntry> entries, Integer chunks, String dataset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeInt(out, entries.size());
        for (LegacyEntry entry : entries) {
            byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
            writeInt(out, name.length);
            out.writeBytes(name);
            writeInt(out, entry.calls());
            writeInt(out, entry.values().length);
            for (float value : entry.values()) {
                writeInt(out, Float.floatToRawIntBits(value));
            }
        }
        if (chunks != null) {
            writeInt(out, chunks);
            byte[] name = dataset.getBytes(StandardCharsets.UTF_8);
            writeInt(out, name.length);
            out.writeBytes(name);
        }
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    private static MemorySegment floats(float... values) {
        MemorySegment segment = MemorySegment.ofArray(new byte[values.length * 4]);
        for (int i = 0; i < values.length; i++) {
            segment.set(FLOAT, 4L * i, values[i]);
        }
        return segment;
    }
}
