package dev.caracal.backend.xla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.backend.xla.hlo.StableHloParser;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.model.SequenceRunner;
import dev.caracal.engine.model.TextGenerator;
import dev.caracal.formats.testing.LlamaCppReference;
import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * stories260K through the engine on the XLA backend, its programs run by the StableHLO interpreter, generates greedily
 * the text llama.cpp generates; each engine step is one program, compiled once per shape bucket, and the decode step's
 * text is the golden file's.
 */
class InterpretedXlaGreedyTest {

    @Test
    void storiesGeneratesLlamaCppsTextAndCompilesEachProgramOnce() throws IOException {
        Path model = SharedData.require("models/stories260K.gguf");
        String prompt = "Lily and Tom went to the park. They";
        int tokens = 12;
        InterpreterDevice device = new InterpreterDevice();
        try (XlaBackend backend = new XlaBackend(device);
                LanguageModel language = LanguageModel.open(model, backend, 128);
                SequenceRunner sequence = language.newSequence()) {
            String text = TextGenerator.generate(language, sequence, language.tokenizer().encode(prompt),
                    SamplingParameters.builder().temperature(0).maxTokens(tokens).build(), piece -> { }).text();
            assertThat(text).isEqualTo(LlamaCppReference.greedy(model, prompt, tokens));
            // One program per step shape: the prompt's prefill, then the decode step, the same for every token (a
            // sequence's block table covers its whole context here, so the context bucket never changes).
            List<String> programs = backend.programTexts();
            assertThat(device.compilations()).isEqualTo(programs.size());
            assertThat(programs).as("prefill, then one decode step for all %d tokens", tokens).hasSize(2);
            String decodeStep = programs.get(1);
            Path golden = KernelProgramsGoldenTest.GOLDEN.resolve("stories260K_decode_step.mlir");
            if (Boolean.getBoolean("caracal.golden.update")) {
                Files.writeString(golden, decodeStep);
            }
            assertThat(decodeStep).as("the decode step's program, as in %s (-Dcaracal.golden.update=true writes it)",
                    golden).isEqualTo(Files.readString(golden));
            assertThat(StableHloParser.parse(decodeStep).arguments()).as("tokens, positions, tables, weights, pools")
                    .hasSizeGreaterThan(20);
        }
    }
}
