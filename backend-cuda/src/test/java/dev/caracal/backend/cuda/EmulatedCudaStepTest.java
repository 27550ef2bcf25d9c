package dev.caracal.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.api.tensor.WeightTensor;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.model.SequenceRunner;
import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a steady decode step asks of the device, in the emulator: one graph replay and no kernel launched alone. A
 * step's inputs (tokens, positions, attention's block tables and slots) are copied to their buffers while its launches
 * wait in the queue; issuing the queue before each copy, as the backend once did, split a step into runs of launches
 * issued one by one around the graph (7 of them for stories260K), each copy waiting for the GPU to drain.
 */
class EmulatedCudaStepTest {

    @Test
    void aSteadyDecodeStepIsOneGraphReplay() throws IOException {
        Optional<EmulatedDevice> opened = EmulatedDevice.open();
        assumeTrue(opened.isPresent(), EmulatedDevice.unavailableReason());
        EmulatedDevice device = opened.get();
        try (CudaBackend backend = new CudaBackend(device);
                LanguageModel language = LanguageModel.open(SharedData.require("models/stories260K.gguf"), backend,
                        128);
                SequenceRunner sequence = language.newSequence()) {
            sequence.append(new int[] {1, 403, 407});
            sequence.append(new int[] {261});
            sequence.append(new int[] {262}); // seen twice: recorded
            for (int token = 0; token < 4; token++) {
                int copies = device.copiesToDevice();
                int launches = device.directLaunches();
                int replays = backend.graphReplays();
                sequence.append(new int[] {263 + token});
                assertThat(device.directLaunches() - launches).as("kernels launched alone in step " + token).isZero();
                assertThat(backend.graphReplays() - replays).as("graph replays in step " + token).isEqualTo(1);
                assertThat(device.copiesToDevice() - copies).as("copies to the device in step " + token)
                        .isLessThanOrEqualTo(4);
            }
        }
    }

    @Test
    void aQueuedLaunchStillReadsTheInputsItWasGivenWhenTheNextCallBringsOthers() {
        Optional<EmulatedDevice> opened = EmulatedDevice.open();
        assumeTrue(opened.isPresent(), EmulatedDevice.unavailableReason());
        float[] table = new float[4 * 32]; // [4 tokens, 32 columns]: row t holds t everywhere
        for (int i = 0; i < table.length; i++) {
            table[i] = i / 32;
        }
        try (CudaBackend backend = new CudaBackend(opened.get(), 0); Arena arena = Arena.ofConfined()) {
            WeightTensor weights = backend.loadWeight("table", new long[] {4, 32}, QuantFormat.F32,
                    arena.allocateFrom(ValueLayout.JAVA_FLOAT, table));
            Tensor first = backend.allocate(2, 32);
            Tensor second = backend.allocate(2, 32);
            backend.kernels().embedding(weights, new int[] {1, 2}, first); // queued, reading the tokens buffer
            backend.kernels().embedding(weights, new int[] {3, 0}, second); // the same buffer, other tokens
            float[] row = new float[32];
            first.read(0, row, 0);
            assertThat(row[0]).isEqualTo(1);
            first.read(1, row, 0);
            assertThat(row[0]).isEqualTo(2);
            second.read(0, row, 0);
            assertThat(row[0]).isEqualTo(3);
            second.read(1, row, 0);
            assertThat(row[0]).isEqualTo(0);
        }
    }
}
