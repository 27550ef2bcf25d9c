package dev.caracal.app.cli;

import dev.caracal.tools.quality.ImportanceMatrix;
import dev.caracal.tools.quality.KlDivergenceEvaluation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code caracal imatrix}: the importance matrix of a model over calibration text, like llama-imatrix. */
@Command(
        name = "imatrix",
        mixinStandardHelpOptions = true,
        description = {
            "Runs MODEL over calibration tokens in chunks of CONTEXT (each starting with BOS) and writes, for every"
                + " weight matrix it multiplies, the per-column sum of the squared input activations and the number"
                + " of rows summed, as llama-imatrix's GGUF file: NAME.in_sum2 and NAME.counts per weight."
        })
final class ImatrixCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "the model (a GGUF file)")
    Path model;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "the GGUF file to write")
    Path output;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Tokens tokens;

    static final class Tokens {
        @Option(names = {"-f", "--file"}, paramLabel = "TEXT", description = "a text file, tokenized by MODEL")
        Path text;

        @Option(names = "--self-sample", paramLabel = "N",
                description = "N tokens sampled from MODEL itself (temperature 1, --seed)")
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

    @Mixin
    BackendSelection backendSelection;

    @Override
    public Integer call() throws Exception {
        if (chunks < 0 || backendSelection.threads < 0 || (tokens.selfSample != null && tokens.selfSample < 1)) {
            throw new ParameterException(spec.commandLine(), "--chunks and -t must be ≥ 0, --self-sample ≥ 1");
        }
        for (Path input : new Path[] {model, tokens.text}) {
            if (input != null && !Files.exists(input)) {
                throw new NoSuchFileException(input.toString());
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        boolean showProgress = PullProgressBar.onTerminal();
        KlDivergenceEvaluation.Input input = tokens.text != null ? KlDivergenceEvaluation.Input.text(tokens.text)
                : KlDivergenceEvaluation.Input.selfSample(tokens.selfSample, seed);
        ImportanceMatrix.Run run;
        try {
            run = ImportanceMatrix.run(model, input, backendSelection.backendName, backendSelection.threads, context,
                    chunks, showProgress ? (done, total) -> progress(err, done, total) : null);
        } finally {
            if (showProgress) {
                err.print("\r\u001b[K");
                err.flush();
            }
        }
        ImportanceMatrix.Result result = run.result();
        ImportanceMatrix.write(result, output);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "model %s, backend %s, %d threads%n", model, run.backend(), run.threads());
        out.printf(Locale.ROOT, "%d tokens, %d chunks of %d: %d weights, %d rows each at most%n", result.tokens(),
                result.chunks(), result.context(), result.entries().size(),
                result.entries().stream().mapToLong(ImportanceMatrix.Entry::count).max().orElse(0));
        out.printf(Locale.ROOT, "wrote %s%n", output);
        out.flush();
        return 0;
    }

    private static void progress(PrintWriter err, int done, int total) {
        int width = 30;
        int filled = (int) Math.round((double) done / total * width);
        err.printf(Locale.ROOT, "\rchunk %d/%d [%s%s]", done, total, "#".repeat(filled), " ".repeat(width - filled));
        err.flush();
    }
}
