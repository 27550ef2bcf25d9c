package dev.caracal.app.cli;

import dev.caracal.tools.quality.KlDivergenceEvaluation;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The tokens {@code evaluate} and {@code imatrix} run a model over: a text file, or tokens sampled from the (base)
 * model with a seed; in chunks of {@code -c} tokens, at most {@code --chunks} of them. ({@code evaluate} against a
 * {@code --kl-divergence-base} file takes neither: its tokens are in the file.)
 */
final class CalibrationTokens {

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source;

    /** Where the tokens come from: one of the two (required unless a command takes its tokens elsewhere). */
    static final class Source {
        @Option(names = {"-f", "--file"}, paramLabel = "TEXT", description = "a text file, tokenized by the model")
        Path text;

        @Option(names = "--self-sample", paramLabel = "N",
                description = "N tokens sampled from the (base) model itself (temperature 1, --seed)")
        Integer selfSample;
    }

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
            description = "seed of --self-sample (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"-c", "--context"}, defaultValue = "512", paramLabel = "CONTEXT",
            description = "tokens per chunk (default: ${DEFAULT-VALUE}, at most the model's context)")
    int context;

    @Option(names = "--chunks", defaultValue = "0", paramLabel = "K", description = "at most K chunks (default: all)")
    int chunks;

    /** Whether {@code -f} or {@code --self-sample} was given. */
    boolean given() {
        return source != null;
    }

    /** Whether {@code -c} was given (rather than left at its default). */
    boolean contextGiven(CommandSpec spec) {
        return spec.commandLine().getParseResult().hasMatchedOption("--context");
    }

    /**
     * Checks the numbers, that the tokens have a source, and that {@code models} and the text file exist.
     *
     * @throws ParameterException   for a negative count or no source
     * @throws NoSuchFileException  naming the first file that is missing
     */
    void check(CommandSpec spec, int threads, Path... models) throws NoSuchFileException {
        checkCounts(spec, threads);
        if (source == null) {
            throw new ParameterException(spec.commandLine(),
                    "Missing required argument (specify one of these): (-f=TEXT | --self-sample=N)");
        }
        for (Path model : models) {
            requireFile(model);
        }
        if (source.text != null) {
            requireFile(source.text);
        }
    }

    /**
     * Checks the numbers only.
     *
     * @throws ParameterException for a negative count
     */
    void checkCounts(CommandSpec spec, int threads) {
        if (chunks < 0 || threads < 0 || (source != null && source.selfSample != null && source.selfSample < 1)) {
            throw new ParameterException(spec.commandLine(), "--chunks and -t must be ≥ 0, --self-sample ≥ 1");
        }
    }

    static void requireFile(Path file) throws NoSuchFileException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
    }

    /** The tokens as the evaluation takes them. */
    KlDivergenceEvaluation.Input input() {
        return source.text != null ? KlDivergenceEvaluation.Input.text(source.text)
                : KlDivergenceEvaluation.Input.selfSample(source.selfSample, seed);
    }
}
