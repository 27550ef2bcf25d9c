package dev.caracal.formats.safetensors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.formats.ModelConfig;
import dev.caracal.formats.ModelDescription;
import dev.caracal.formats.TensorView;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufModelReader;
import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The key test: stories260K in Hugging Face layout and stories260K.gguf come out as the same model: the same tensor
 * names, shapes, formats and bytes (which proves the renaming and the Q/K row permutation) and the same hyperparameters.
 */
class SafetensorsMatchesGgufTest {

    @Test
    void huggingFaceAndGgufStoriesAreTheSameModel() throws IOException {
        Path huggingFace = SharedData.require("models/stories260K-hf/config.json").getParent();
        Path gguf = SharedData.require("models/stories260K.gguf");
        try (SafetensorsModelReader reader = SafetensorsModelReader.open(huggingFace);
                GgufFile ggufFile = GgufFile.open(gguf)) {
            ModelDescription fromHuggingFace = reader.description();
            ModelDescription fromGguf = GgufModelReader.describe(ggufFile);

            // The GGUF (converted from llama2.c) stores the output projection separately; the Hugging Face model ties
            // it to the embedding. They are the same bytes, so tying loses nothing.
            TensorView embedding = fromGguf.tensor("token_embd.weight").orElseThrow();
            TensorView output = fromGguf.tensor("output.weight").orElseThrow();
            assertThat(MemorySegment.mismatch(embedding.data(), 0, embedding.data().byteSize(),
                    output.data(), 0, output.data().byteSize())).isEqualTo(-1);
            assertThat(fromHuggingFace.tensor("output.weight")).isEmpty();

            List<TensorView> expected = fromGguf.tensors().stream()
                    .filter(tensor -> !tensor.name().equals("output.weight"))
                    .toList();
            assertThat(fromHuggingFace.tensors()).extracting(TensorView::name)
                    .containsExactlyElementsOf(expected.stream().map(TensorView::name).toList());
            for (TensorView want : expected) {
                TensorView got = fromHuggingFace.tensor(want.name()).orElseThrow();
                assertThat(got.shape()).as(want.name()).containsExactly(want.shape());
                assertThat(got.format()).as(want.name()).isEqualTo(want.format());
                assertThat(got.data().byteSize()).as(want.name()).isEqualTo(want.data().byteSize());
                assertThat(MemorySegment.mismatch(got.data(), 0, got.data().byteSize(),
                        want.data(), 0, want.data().byteSize())).as("first differing byte of %s", want.name())
                        .isEqualTo(-1);
            }

            ModelConfig ggufConfig = fromGguf.config();
            // Two hyperparameters differ, and the Hugging Face side is right about both: llama2.c trained stories260K
            // with a 512-token context (karpathy/llama2.c's model table), while the llama2.c-to-GGUF converter wrote
            // its own default of 2048; and the GGUF reader calls the embeddings untied only because that converter
            // wrote output.weight out as a copy.
            assertThat(ggufConfig.contextLength()).isEqualTo(2048);
            assertThat(ggufConfig.tiedEmbeddings()).isFalse();
            assertThat(fromHuggingFace.config()).isEqualTo(new ModelConfig(
                    ggufConfig.architecture(),
                    ggufConfig.vocabularySize(),
                    512,
                    ggufConfig.embeddingLength(),
                    ggufConfig.blockCount(),
                    ggufConfig.feedForwardLength(),
                    ggufConfig.headCount(),
                    ggufConfig.headCountKv(),
                    ggufConfig.keyLength(),
                    ggufConfig.rmsNormEpsilon(),
                    ggufConfig.ropeFrequencyBase(),
                    ggufConfig.ropeDimensionCount(),
                    ggufConfig.ropeScaling(),
                    true));
            assertThat(fromHuggingFace.config().rmsNormEpsilon()).isEqualTo(1e-5f);
            assertThat(fromHuggingFace.parameterCount()).isEqualTo(fromGguf.parameterCount() - output.elementCount());
        }
    }

    @Test
    void onlyQueryAndKeyProjectionsAreCopied() throws IOException {
        Path huggingFace = SharedData.require("models/stories260K-hf/config.json").getParent();
        try (SafetensorsModelReader reader = SafetensorsModelReader.open(huggingFace)) {
            SafetensorsFile file = reader.files().getFirst();
            for (TensorView tensor : reader.description().tensors()) {
                boolean permuted = tensor.name().endsWith("attn_q.weight") || tensor.name().endsWith("attn_k.weight");
                assertThat(tensor.data().isMapped()).as(tensor.name()).isEqualTo(!permuted);
                assertThat(tensor.data().isReadOnly()).as(tensor.name()).isTrue();
            }
            // The permutation really moves rows: the raw Hugging Face bytes differ from the GGUF-layout copy.
            MemorySegment raw = file.tensorData(file.tensor("model.layers.0.self_attn.q_proj.weight").orElseThrow());
            MemorySegment copy = reader.description().tensor("blk.0.attn_q.weight").orElseThrow().data();
            assertThat(MemorySegment.mismatch(raw, 0, raw.byteSize(), copy, 0, copy.byteSize())).isNotNegative();
        }
    }
}
