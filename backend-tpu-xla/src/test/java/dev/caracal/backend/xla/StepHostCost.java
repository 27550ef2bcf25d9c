package dev.caracal.backend.xla;

import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.model.SequenceRunner;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a decode step costs the host on the XLA backend, without a device: the model runs on a {@link RecordingDevice}
 * (programs are recorded, not run), so the time is tracing the step into StableHLO, finding its compiled program and
 * packing the step's values. Not a test (tests never time things): a main class in the test tree, run by hand on a
 * benchmark-shape file (docs/PERFORMANCE.md):
 *
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp target/test-classes:target/classes:DEPENDENCIES \
 *       dev.caracal.backend.xla.StepHostCost /tmp/models/random-1b-q8_0.gguf [rounds] [steps]
 * </pre>
 */
public final class StepHostCost {

    private StepHostCost() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args.length > 0 ? args[0] : "/tmp/models/random-1b-q8_0.gguf");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        RecordingDevice device = new RecordingDevice();
        try (XlaBackend backend = new XlaBackend(device);
                LanguageModel language = LanguageModel.open(model, backend, 1024);
                SequenceRunner sequence = language.newSequence()) {
            sequence.append(new int[] {1, 2, 3});
            for (int round = 0; round < rounds; round++) {
                int uploads = device.uploads();
                long start = System.nanoTime();
                for (int token = 0; token < steps; token++) {
                    sequence.append(new int[] {100 + token});
                }
                double milliseconds = (System.nanoTime() - start) / 1e6 / steps;
                System.out.printf(Locale.ROOT, "round %d: %.2f ms of host time per decode step, %d uploads a step,"
                        + " %d programs compiled, the last %,d characters%n", round, milliseconds,
                        (device.uploads() - uploads) / steps, device.compiled().size(),
                        device.compiled().getLast().length());
                sequence.truncate(3);
            }
        }
    }
}
