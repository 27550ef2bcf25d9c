package dev.caracal.backend.xla;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.model.SequenceRunner;
import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What crosses between host and device per step stays small. A decode step's uploads do not grow with the model's
 * depth: the step's small values (view starts, row counts, token ids, positions, block tables, slots, rotary
 * frequencies) travel as one packed array per element type (i32, f32), not as a parameter each (467 uploads a step for
 * stories260K's 5 layers, about 1,500 for a 1B model's 16). And a step's logits rows, read one by one as the engine
 * reads them, come from one download of the step's result, not one each.
 */
class StepUploadsTest {

    @Test
    void aDecodeStepUploadsOneArrayPerElementType() throws IOException {
        Path model = SharedData.require("models/stories260K.gguf");
        RecordingDevice device = new RecordingDevice();
        try (XlaBackend backend = new XlaBackend(device);
                LanguageModel language = LanguageModel.open(model, backend, 128);
                SequenceRunner sequence = language.newSequence()) {
            sequence.append(new int[] {1, 403, 407});
            int before = device.uploads();
            for (int token = 0; token < 4; token++) {
                sequence.append(new int[] {261 + token});
            }
            int perStep = (device.uploads() - before) / 4;
            assertThat(perStep).as("uploads per decode step").isLessThanOrEqualTo(2);
        }
    }

    @Test
    void aStepsLogitsRowsComeFromOneDownload() throws IOException {
        Path model = SharedData.require("models/stories260K.gguf");
        RecordingDevice device = new RecordingDevice();
        try (XlaBackend backend = new XlaBackend(device);
                LanguageModel language = LanguageModel.open(model, backend, 128);
                SequenceRunner sequence = language.newSequence()) {
            sequence.append(new int[] {1});
            int before = device.downloads();
            float[][] logits = sequence.evaluateAll(new int[] {403, 407, 261, 262, 263, 264});
            assertThat(logits).hasNumberOfRows(6);
            assertThat(device.downloads() - before).as("downloads for 6 logits rows of one step").isEqualTo(1);
        }
    }
}
