package dev.caracal.tools.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.tensor.HostTensor;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.formats.TensorView;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufTensorInfo;
import dev.caracal.formats.gguf.GgufValue;
import dev.caracal.formats.quantize.ImportanceMatrixFile;
import dev.caracal.formats.testing.SharedData;
import dev.caracal.tools.quality.ActivationRecorder.Activations;
import dev.caracal.tools.quality.ImportanceMatrix.Entry;
import dev.caracal.tools.quality.ImportanceMatrix.Result;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The importance matrix on stories260K, and the recorder's sums on one hand-made matmul. */
class ImportanceMatrixTest {

    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @TempDir
    static Path temporary;

    private static ActivationRecorder recorder;
    private static LanguageModel model;

    @BeforeAll
    static void open() throws Exception {
        recorder = new ActivationRecorder(BackendRegistry.open("cpu", new BackendOptions(2)));
        model = LanguageModel.open(SharedData.require("models/stories260K.gguf"), recorder, 0);
    }

    @AfterAll
    static void close() {
        model.close();
        recorder.close();
    }

    @Test
    void writesOneSumAndOneCountPerMultipliedWeight() throws Exception {
        int[] tokens = KlDivergenceEvaluation.selfSample(model, 300, 7, 100);
        Result result = ImportanceMatrix.collect(model, recorder, tokens, List.of("self"), 100, 0, null);
        assertThat(result.chunks()).isEqualTo(3);
        Path file = temporary.resolve("imatrix.gguf");
        ImportanceMatrix.write(result, file);

        List<String> expected = new ArrayList<>();
        for (int layer = 0; layer < model.config().blockCount(); layer++) {
            for (String role : List.of("attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down")) {
                expected.add("blk." + layer + "." + role + ".weight");
            }
        }
        Map<String, TensorView> weights = model.description().tensorsByName();
        String output = weights.containsKey("output.weight") ? "output.weight" : "token_embd.weight";
        expected.add(output);

        try (GgufFile gguf = GgufFile.open(file)) {
            assertThat(gguf.metadata().findString("general.type")).contains("imatrix");
            assertThat(gguf.metadata().get("imatrix.datasets").map(GgufValue::value))
                    .hasValueSatisfying(v -> assertThat(((dev.caracal.formats.gguf.GgufArray) v).strings())
                            .containsExactly("self"));
            assertThat(gguf.metadata().findLong("imatrix.chunk_count")).contains(3L);
            assertThat(gguf.metadata().findLong("imatrix.chunk_size")).contains(100L);
            TreeSet<String> names = new TreeSet<>();
            for (GgufTensorInfo tensor : gguf.tensors()) {
                names.add(tensor.name());
                assertThat(tensor.format()).isEqualTo(QuantFormat.F32);
            }
            TreeSet<String> wanted = new TreeSet<>();
            for (String weight : expected) {
                wanted.add(weight + ".in_sum2");
                wanted.add(weight + ".counts");
            }
            assertThat(names).isEqualTo(wanted);
            for (String weight : expected) {
                long[] shape = weights.get(weight).shape();
                long columns = shape[shape.length - 1];
                GgufTensorInfo sums = gguf.tensor(weight + ".in_sum2").orElseThrow();
                GgufTensorInfo counts = gguf.tensor(weight + ".counts").orElseThrow();
                assertThat(sums.dimensions()).containsExactly(columns);
                assertThat(counts.dimensions()).containsExactly(1L);
                assertThat(gguf.tensorData(counts).get(FLOAT, 0)).as(weight).isEqualTo(300f);
                MemorySegment data = gguf.tensorData(sums);
                int positive = 0;
                for (int c = 0; c < columns; c++) {
                    float value = data.get(FLOAT, 4L * c);
                    assertThat(value).as(weight).isGreaterThanOrEqualTo(0f);
                    positive += value > 0 ? 1 : 0;
                }
                assertThat(positive).as(weight).isGreaterThan((int) (0.9 * columns));
            }
        }

        // The reader quantize uses gives back exactly what was collected.
        ImportanceMatrixFile read = ImportanceMatrixFile.read(file);
        assertThat(read.datasets()).containsExactly("self");
        assertThat(read.chunkCount()).isEqualTo(3);
        assertThat(read.chunkSize()).isEqualTo(100);
        assertThat(read.entries()).extracting(ImportanceMatrixFile.Entry::weight)
                .containsExactlyElementsOf(result.entries().stream().map(Entry::weight).toList());
        for (Entry entry : result.entries()) {
            ImportanceMatrixFile.Entry readEntry = read.entry(entry.weight()).orElseThrow();
            assertThat(readEntry.sums()).as(entry.weight()).containsExactly(entry.sums());
            assertThat(readEntry.counts()).as(entry.weight()).containsExactly(300f);
            float[] importance = readEntry.importance();
            for (int c = 0; c < importance.length; c++) {
                assertThat(importance[c]).isEqualTo(entry.sums()[c] / 300f);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameMatrix() {
        Result first = ImportanceMatrix.collect(model, recorder, KlDivergenceEvaluation.selfSample(model, 200, 5, 100),
                List.of("a"), 100, 0, null);
        Result second = ImportanceMatrix.collect(model, recorder,
                KlDivergenceEvaluation.selfSample(model, 200, 5, 100), List.of("a"), 100, 0, null);
        Result other = ImportanceMatrix.collect(model, recorder, KlDivergenceEvaluation.selfSample(model, 200, 6, 100),
                List.of("a"), 100, 0, null);
        assertThat(first.entries()).hasSameSizeAs(second.entries());
        for (int i = 0; i < first.entries().size(); i++) {
            Entry a = first.entries().get(i);
            Entry b = second.entries().get(i);
            assertThat(b.weight()).isEqualTo(a.weight());
            assertThat(b.count()).isEqualTo(a.count());
            assertThat(b.sums()).isEqualTo(a.sums());
        }
        assertThat(other.entries().getFirst().sums()).isNotEqualTo(first.entries().getFirst().sums());
    }

    @Test
    void theSumsAndTheGramMatrixAreThoseOfTheInputsOfOneMatmul() {
        Random random = new Random(3);
        int rows = 5;
        int columns = 12;
        int batch = 4;
        float[] weightValues = new float[rows * columns];
        for (int i = 0; i < weightValues.length; i++) {
            weightValues[i] = (float) random.nextGaussian();
        }
        ByteBuffer bytes = ByteBuffer.allocate(weightValues.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(weightValues);
        try (ActivationRecorder own = new ActivationRecorder(BackendRegistry.open("cpu", new BackendOptions(1)),
                "w"::equals)) {
            WeightTensor weight = own.loadWeight("w", new long[] {rows, columns}, QuantFormat.F32,
                    MemorySegment.ofArray(bytes.array()));
            double[] expected = new double[columns];
            // expectedGram: [columns][columns], Σ over every input row of x_i · x_j
            double[] expectedGram = new double[columns * columns];
            for (int step = 0; step < 2; step++) {
                HostTensor input = new HostTensor(batch, columns);
                for (int i = 0; i < batch * columns; i++) {
                    input.data()[i] = (float) random.nextGaussian();
                    expected[i % columns] += (double) input.data()[i] * input.data()[i];
                }
                for (int b = 0; b < batch; b++) {
                    for (int i = 0; i < columns; i++) {
                        for (int j = 0; j < columns; j++) {
                            expectedGram[i * columns + j] += (double) input.data()[b * columns + i]
                                    * input.data()[b * columns + j];
                        }
                    }
                }
                Tensor output = own.allocate(batch, rows);
                own.kernels().matmul(weight, input, output);
            }
            Activations recorded = own.activations().get("w");
            assertThat(recorded.rows()).isEqualTo(2L * batch);
            assertThat(recorded.sums()).containsExactly(expected);
            double[] gram = own.gram("w");
            for (int i = 0; i < columns * columns; i++) {
                assertThat(gram[i]).isCloseTo(expectedGram[i], within(1e-12 * (1 + Math.abs(expectedGram[i]))));
            }
            for (int i = 0; i < columns; i++) {
                assertThat(gram[i * columns + i]).isEqualTo(expected[i]);
            }
            assertThat(own.gram("other")).isNull();
        }
    }
}
