package dev.caracal.app.cli;

import dev.caracal.tools.quality.ImportanceMatrix;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Mixin
    CalibrationTokens tokens;

    @Mixin
    BackendSelection backendSelection;

    @Override
    public Integer call() throws Exception {
        tokens.check(spec, backendSelection.threads, model);
        ImportanceMatrix.Run run;
        try (CountProgress progress = new CountProgress(spec.commandLine().getErr(), "chunk", true)) {
            run = ImportanceMatrix.run(model, tokens.input(), backendSelection.backendName, backendSelection.threads,
                    tokens.context, tokens.chunks,
                    progress.shown() ? (done, total) -> progress.update(done, total, "") : null);
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
}
