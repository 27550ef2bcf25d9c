package dev.caracal.tools.distill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.kernel.RopeSpec;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.model.SequenceRunner;
import dev.caracal.formats.testing.SharedData;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link TrainableLlama}'s forward pass against the engine, and its backward pass against finite differences. */
class TrainableLlamaTest {

    /** Tokens of a stories260K sentence (BOS first) for the forward check. */
    private static final int[] STORY = {1, 403, 407, 261, 378, 285, 336, 402, 260, 337, 313, 415, 280, 417, 330, 46};

    @Test
    void logitsOfStoriesAreTheEngines() throws Exception {
        Path stories = SharedData.require("models/stories260K.gguf");
        TrainableLlama model = LlamaGguf.read(stories);
        double[] logits = model.forward(STORY).logits();
        int vocabulary = model.shape().vocabulary();
        try (Backend backend = BackendRegistry.open("cpu", new BackendOptions(1));
                LanguageModel engine = LanguageModel.open(stories, backend, 0);
                SequenceRunner sequence = engine.newSequence(STORY.length, QuantFormat.F32)) {
            float[][] expected = sequence.evaluateAll(STORY);
            double largest = 0;
            for (int t = 0; t < STORY.length; t++) {
                for (int v = 0; v < vocabulary; v++) {
                    largest = Math.max(largest, Math.abs(expected[t][v]));
                }
            }
            // float32 engine vs float64 here: differences of float rounding only, relative to the logits' scale.
            for (int t = 0; t < STORY.length; t++) {
                for (int v = 0; v < vocabulary; v++) {
                    assertThat(Math.abs(logits[t * vocabulary + v] - expected[t][v]))
                            .as("position %d token %d", t, v).isLessThanOrEqualTo(1e-4 * largest);
                }
            }
        }
    }

    @Test
    void gradientsOfEveryTensorMatchCentralDifferences() {
        for (boolean tied : new boolean[] {false, true}) {
            LlamaShape shape = new LlamaShape(16, 2, 4, 2, 4, 24, 32, 1e-5, tied, new RopeSpec(4, 4, 10000f, false,
                    null));
            checkGradients(shape, 7);
        }
        LlamaShape neox = new LlamaShape(16, 1, 4, 2, 4, 24, 32, 1e-5, false, new RopeSpec(4, 4, 10000f, true, null));
        checkGradients(neox, 8);
    }

    private static void checkGradients(LlamaShape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        LlamaTensors parameters = new LlamaTensors(shape);
        for (LlamaTensors.Named tensor : parameters.named()) {
            boolean norm = tensor.dimensions().length == 1;
            for (int i = 0; i < tensor.values().length; i++) {
                tensor.values()[i] = norm ? 1 + 0.2 * random.nextGaussian() : 0.4 * random.nextGaussian();
            }
        }
        TrainableLlama model = new TrainableLlama(shape, parameters);
        int length = 6;
        int[] tokens = random.ints(length, 0, shape.vocabulary()).toArray();
        // A loss that reaches every logit: Σ c · logits with fixed random coefficients, plus the distillation loss.
        double[] coefficients = random.doubles(length * shape.vocabulary(), -1, 1).toArray();
        float[][] teacher = new float[length][shape.vocabulary()];
        for (float[] row : teacher) {
            for (int v = 0; v < row.length; v++) {
                row[v] = (float) (2 * random.nextGaussian());
            }
        }
        DistillationLoss loss = new DistillationLoss(2.0, 0.3);
        DistillationLoss.Targets targets = DistillationLoss.Targets.of(teacher, tokens, 2.0);

        LlamaTensors gradient = new LlamaTensors(shape);
        TrainableLlama.Pass pass = model.forward(tokens);
        double[] logitGradient = new double[pass.logits().length];
        loss.evaluate(pass.logits(), targets, 1, logitGradient);
        for (int i = 0; i < logitGradient.length; i++) {
            logitGradient[i] += coefficients[i];
        }
        model.backward(pass, logitGradient, gradient);

        double step = 1e-5;
        for (LlamaTensors.Named tensor : parameters.named()) {
            double[] values = tensor.values();
            double[] computed = gradient.find(tensor.name()).values();
            double largest = 0;
            for (double g : computed) {
                largest = Math.max(largest, Math.abs(g));
            }
            assertThat(largest).as(tensor.name() + " has a gradient").isGreaterThan(0);
            int samples = Math.min(values.length, 12);
            for (int sample = 0; sample < samples; sample++) {
                int i = samples == values.length ? sample : random.nextInt(values.length);
                if (tensor.name().equals("token_embd.weight") && !shape.tied()) {
                    i = tokens[sample % length] * shape.dim() + random.nextInt(shape.dim());
                }
                double original = values[i];
                values[i] = original + step;
                double plus = objective(model, tokens, coefficients, loss, targets);
                values[i] = original - step;
                double minus = objective(model, tokens, coefficients, loss, targets);
                values[i] = original;
                double numeric = (plus - minus) / (2 * step);
                // Relative to the larger of the two; entries far below the tensor's largest gradient against that.
                double error = Math.abs(numeric - computed[i])
                        / Math.max(Math.max(Math.abs(numeric), Math.abs(computed[i])), 1e-6 * largest);
                assertThat(error).as("%s[%d]: analytic %s, numeric %s", tensor.name(), i, computed[i], numeric)
                        .isLessThanOrEqualTo(1e-3);
            }
        }
    }

    private static double objective(TrainableLlama model, int[] tokens, double[] coefficients, DistillationLoss loss,
            DistillationLoss.Targets targets) {
        double[] logits = model.forward(tokens).logits();
        double value = loss.evaluate(logits, targets, 1, null).loss();
        for (int i = 0; i < logits.length; i++) {
            value += coefficients[i] * logits[i];
        }
        return value;
    }
}
