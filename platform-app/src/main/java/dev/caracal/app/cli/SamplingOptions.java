package dev.caracal.app.cli;

import dev.caracal.engine.api.SamplingParameters;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The sampling options {@code generate} and {@code chat} share (a picocli mixin). */
final class SamplingOptions {

    @Option(names = "--temp", defaultValue = "0.8", paramLabel = "T",
            description = "temperature; 0 is greedy (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--top-k", defaultValue = "40", paramLabel = "K", description = "top-k, 0 = off (default: ${DEFAULT-VALUE})")
    int topK;

    @Option(names = "--top-p", defaultValue = "0.95", paramLabel = "P", description = "top-p, 1 = off (default: ${DEFAULT-VALUE})")
    double topP;

    @Option(names = "--min-p", defaultValue = "0.05", paramLabel = "P", description = "min-p, 0 = off (default: ${DEFAULT-VALUE})")
    double minP;

    @Option(names = "--repeat-penalty", defaultValue = "1.0", paramLabel = "X",
            description = "repetition penalty, 1 = off (default: ${DEFAULT-VALUE})")
    double repetitionPenalty;

    @Option(names = "--seed", paramLabel = "S", description = "random seed (default: a random one)")
    Long seed;

    @Option(names = "--stop", paramLabel = "TEXT", description = "stop when this text appears (repeatable)")
    List<String> stop = new ArrayList<>();

    /** The parameters for up to {@code maxTokens} tokens. */
    SamplingParameters parameters(int maxTokens) {
        return SamplingParameters.builder()
                .temperature(temperature)
                .topK(topK)
                .topP(topP)
                .minP(minP)
                .repetitionPenalty(repetitionPenalty)
                .seed(seed)
                .stop(stop)
                .maxTokens(maxTokens)
                .build();
    }
}
