package dev.caracal.backend.cuda.devicecheck;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.backend.cuda.devicecheck.DeviceCheck.Json;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.sampling.Sampler;
import dev.caracal.engine.sampling.TokenHistory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What sampling on the host costs per decode step, the measurement behind the choice to bring logits back to the host
 * rather than pick tokens on the device: the time to read a step's logits rows ({@code [batch, vocabulary]} floats)
 * from the backend's memory, as the engine reads them (a row at a time, after the step's launches have run), and the
 * time the engine's {@link Sampler} takes on one row, greedy and with temperature, top-k and top-p.
 */
final class Sampling {

    private static final int REPETITIONS = 41;

    private Sampling() {
    }

    static void measure(Backend backend, int vocabulary, int[] batches, Map<String, Object> common, Json json) {
        int largest = Arrays.stream(batches).max().orElse(1);
        SplittableRandom random = new SplittableRandom(7);
        float[] row = new float[vocabulary];
        Tensor logits = backend.allocate(largest, vocabulary); // [batch, vocabulary]
        for (int r = 0; r < largest; r++) {
            for (int i = 0; i < vocabulary; i++) {
                row[i] = (float) (random.nextGaussian() * 3);
            }
            logits.write(r, row, 0);
        }
        Map<String, Object> line = new LinkedHashMap<>(common);
        line.putAll(Json.object("event", "sampling", "vocabulary", vocabulary));
        StringBuilder text = new StringBuilder();
        for (int batch : Arrays.stream(batches).distinct().sorted().toArray()) {
            double micros = median(() -> {
                for (int r = 0; r < batch; r++) {
                    logits.read(r, row, 0);
                }
            });
            line.put("read_us_batch_" + batch, micros);
            text.append(String.format(Locale.ROOT, "read %d rows %.1f µs, ", batch, micros));
        }
        Sampler greedy = new Sampler(SamplingParameters.greedy(), vocabulary);
        Sampler filtered = new Sampler(SamplingParameters.builder().temperature(0.8).topK(40).topP(0.95).build(),
                vocabulary);
        TokenHistory history = TokenHistory.ofPrompt(1, 2, 3);
        double greedyMicros = median(() -> greedy.sample(row, history));
        double filteredMicros = median(() -> filtered.sample(row, history));
        line.putAll(Json.object("sample_us_greedy", greedyMicros, "sample_us_top_p", filteredMicros));
        json.emit(line);
        System.out.printf(Locale.ROOT, "  sampling on the host: %ssample one row %.1f µs greedy, %.1f µs with"
                + " temperature 0.8, top-k 40, top-p 0.95 (vocabulary %,d)%n", text, greedyMicros, filteredMicros,
                vocabulary);
    }

    /** The median time of {@code work} in microseconds, after as many warm-up runs. */
    private static double median(Runnable work) {
        double[] micros = new double[REPETITIONS];
        for (int i = 0; i < 2 * REPETITIONS; i++) {
            long start = System.nanoTime();
            work.run();
            if (i >= REPETITIONS) {
                micros[i - REPETITIONS] = (System.nanoTime() - start) / 1e3;
            }
        }
        Arrays.sort(micros);
        return micros[REPETITIONS / 2];
    }
}
