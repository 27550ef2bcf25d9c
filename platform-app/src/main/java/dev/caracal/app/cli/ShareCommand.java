package dev.caracal.app.cli;

import dev.caracal.formats.share.GgufWeightSharing.TensorResult;
import dev.caracal.tools.quality.KlDivergenceStatistics.Estimate;
import dev.caracal.tools.quality.WeightSharing.Codebook;
import dev.caracal.tools.quality.WeightSharing.Plan;
import dev.caracal.tools.quality.WeightSharing.Quality;
import dev.caracal.tools.quality.WeightSharing.Report;
import dev.caracal.tools.quality.WeightSharing.Sharing;
import dev.caracal.tools.quality.WeightSharing.Tie;
import dev.caracal.tools.quality.WeightSharing;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code caracal share}: weight sharing (palettes, IQ4_NL, tied embeddings) with its cost in KL divergence. */
@Command(
        name = "share",
        mixinStandardHelpOptions = true,
        description = {
            "Writes OUT, a copy of IN with shared weights, and measures it against IN on the same tokens (mean KL"
                + " divergence and same-top rate, as evaluate reports them).",
            "--codebook kmeans (default): every weight matrix (as quantize picks them) clustered by k-means into"
                + " 2^BITS values per tensor or per --group-rows rows, seeded by --seed. GGUF has no palette type,"
                + " so the values are written decoded in IN's float type and the file is no smaller: its metadata"
                + " says so (caracal.share.*) and the report gives the potential size (BITS-bit indices plus F16"
                + " palettes). --codebook iq4_nl: llama.cpp's IQ4_NL through quantize (a real format, 4.5 bits per"
                + " weight). --codebook none: weights as they are.",
            "--tie-embeddings: leaves output.weight out (the output reuses token_embd.weight, in llama.cpp too) when"
                + " the mean KLD that alone costs is at most --max-kld; otherwise writes nothing and exits 1."
        })
final class ShareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "the F32, F16 or BF16 GGUF model")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "the GGUF file to write")
    Path output;

    @Option(names = "--codebook", defaultValue = "kmeans", paramLabel = "CODEBOOK",
            description = "kmeans, iq4_nl or none (default: ${DEFAULT-VALUE})")
    String codebook;

    @Option(names = "--bits", defaultValue = "4", paramLabel = "BITS",
            description = "k-means palette index bits, 2^BITS values per palette: 3 or 4 (1 to 8 accepted;"
                    + " default: ${DEFAULT-VALUE})")
    int bits;

    @Option(names = "--group-rows", defaultValue = "0", paramLabel = "G",
            description = "one palette per G rows of each matrix (default: 0, one per tensor)")
    int groupRows;

    @Option(names = "--tie-embeddings", description = "leave output.weight out when that costs at most --max-kld")
    boolean tieEmbeddings;

    @Option(names = "--max-kld", defaultValue = "0.01", paramLabel = "X",
            description = "the largest mean KL divergence tying may cost (default: ${DEFAULT-VALUE}, about a 5- to"
                    + " 6-bit K-quant's on 7-8B models)")
    double maxKld;

    @Mixin
    CalibrationTokens tokens;

    @Mixin
    BackendSelection backendSelection;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Codebook chosen = switch (codebook.toLowerCase(Locale.ROOT)) {
            case "kmeans" -> Codebook.KMEANS;
            case "iq4_nl" -> Codebook.IQ4_NL;
            case "none" -> Codebook.NONE;
            default -> throw new ParameterException(spec.commandLine(),
                    "unknown --codebook '" + codebook + "'; use kmeans, iq4_nl or none");
        };
        if (bits < 1 || bits > 8 || groupRows < 0 || !(maxKld >= 0)) {
            throw new ParameterException(spec.commandLine(),
                    "--bits must be 1 to 8, --group-rows ≥ 0 and --max-kld ≥ 0");
        }
        if (chosen == Codebook.NONE && !tieEmbeddings) {
            throw new ParameterException(spec.commandLine(), "--codebook none shares nothing without --tie-embeddings");
        }
        tokens.check(spec, backendSelection.threads, input);
        Plan plan = new Plan(chosen, bits, groupRows, tokens.seed, tieEmbeddings, maxKld);
        long start = System.nanoTime();
        Report report;
        try (StagedProgress bars = new StagedProgress(spec.commandLine().getErr(), !json)) {
            report = WeightSharing.run(input, output, plan, tokens.input(), backendSelection.backendName,
                    backendSelection.threads, tokens.context, tokens.chunks, bars.shown() ? bars::update : null);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonMapper.builder().build().writeValueAsString(asMap(report, seconds)));
        } else {
            print(out, report, seconds);
        }
        out.flush();
        if (report.tie().refused()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("caracal share: " + report.tie().refusal());
            err.flush();
            return CaracalCommand.ExitCodes.FAILURE;
        }
        return 0;
    }

    private void print(PrintWriter out, Report report, double seconds) {
        Tie tie = report.tie();
        out.printf(Locale.ROOT, "input %s, %,d bytes; %d tokens, %d chunks of %d, backend %s, %d threads%n", input,
                report.inputFileBytes(), report.tokens(), report.chunks(), report.context(), report.backend(),
                report.threads());
        out.printf(Locale.ROOT, "output.weight: %s%n", tie.embeddings().describe());
        out.printf(Locale.ROOT, "%-26s %7s %12s %14s %16s %22s %17s%n", "method", "tensors", "bits/weight",
                "file bytes", "potential bytes", "mean KLD", "same top");
        if (tie.cost() != null) {
            String verdict = (tie.tied() ? "tied (≤" : "refused (>") + " --max-kld " + tie.maxKld() + ")";
            out.printf(Locale.ROOT, "%-26s %7d %12s %14s %16s %s %s  %s%n", "tie output.weight", 1, "-", "-", "-",
                    kld(tie.cost().kld()), sameTop(tie.cost().sameTop()), verdict);
        }
        Sharing sharing = report.sharing();
        if (sharing != null) {
            Quality quality = report.quality();
            String bitsPerWeight = sharing.tensors() == 0 ? "-"
                    : String.format(Locale.ROOT, "%.3f", sharing.potentialBitsPerWeight());
            out.printf(Locale.ROOT, "%-26s %7d %12s %,14d %,16d %s %s%n", sharing.method(), sharing.tensors(),
                    bitsPerWeight, sharing.outputFileBytes(), sharing.potentialFileBytes(), kld(quality.kld()),
                    sameTop(quality.sameTop()));
            if (report.plan().codebook() == Codebook.KMEANS) {
                out.printf(Locale.ROOT, "palettes written decoded (%,d bytes for %,d weights): the file is not"
                        + " smaller; potential = %d-bit indices + F16 palettes%n", sharing.bytes(),
                        sharing.elements(), report.plan().bits());
            }
            out.printf(Locale.ROOT, "wrote %s in %.1f s%n", output, seconds);
        }
    }

    private static String kld(Estimate kld) {
        return String.format(Locale.ROOT, "%10.6f ± %9.6f", kld.value(), kld.error());
    }

    private static String sameTop(Estimate sameTop) {
        return String.format(Locale.ROOT, "%7.3f ± %5.3f %%", 100 * sameTop.value(), 100 * sameTop.error());
    }

    private Map<String, Object> asMap(Report report, double seconds) {
        Plan plan = report.plan();
        Tie tie = report.tie();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("input", input.toString());
        map.put("output", output.toString());
        map.put("codebook", plan.codebook().name().toLowerCase(Locale.ROOT));
        map.put("method", plan.describe());
        map.put("bits", plan.codebook() == Codebook.KMEANS ? plan.bits() : null);
        map.put("group_rows", plan.codebook() == Codebook.KMEANS ? plan.groupRows() : null);
        map.put("seed", plan.seed());
        map.put("input_file_bytes", report.inputFileBytes());
        map.put("tokens", report.tokens());
        map.put("context", report.context());
        map.put("chunks", report.chunks());
        map.put("backend", report.backend());
        map.put("threads", report.threads());
        map.put("seconds", seconds);
        Map<String, Object> tied = new LinkedHashMap<>();
        tied.put("embeddings", tie.embeddings().state().name().toLowerCase(Locale.ROOT));
        double difference = tie.embeddings().relativeDifference();
        tied.put("relative_difference", Double.isFinite(difference) ? difference : null);
        tied.put("requested", tie.requested());
        tied.put("max_kld", tie.maxKld());
        putQuality(tied, tie.cost());
        tied.put("tied", tie.tied());
        tied.put("refused", tie.refused());
        if (tie.refused()) {
            tied.put("reason", tie.refusal());
        }
        map.put("tie", tied);
        Sharing sharing = report.sharing();
        map.put("written", sharing != null);
        if (sharing != null) {
            map.put("tensors", sharing.tensors());
            map.put("elements", sharing.elements());
            map.put("tensor_bytes", sharing.bytes());
            map.put("potential_tensor_bytes", sharing.potentialBytes());
            map.put("bits_per_weight", sharing.bitsPerWeight());
            map.put("potential_bits_per_weight", sharing.potentialBitsPerWeight());
            map.put("output_file_bytes", sharing.outputFileBytes());
            map.put("potential_file_bytes", sharing.potentialFileBytes());
            putQuality(map, report.quality());
            List<Map<String, Object>> palettes = new ArrayList<>();
            for (TensorResult tensor : sharing.palettized()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", tensor.name());
                entry.put("shape", tensor.dimensions());
                entry.put("type", tensor.format().name());
                entry.put("groups", tensor.groups());
                entry.put("potential_bits_per_weight", tensor.potentialBitsPerWeight());
                entry.put("relative_error", tensor.relativeError());
                palettes.add(entry);
            }
            map.put("palettes", palettes);
        }
        return map;
    }

    private static void putQuality(Map<String, Object> map, Quality quality) {
        map.put("positions", quality == null ? null : quality.positions());
        map.put("kld_mean", quality == null ? null : quality.kld().value());
        map.put("kld_mean_error", quality == null ? null : quality.kld().error());
        map.put("same_top", quality == null ? null : quality.sameTop().value());
        map.put("same_top_error", quality == null ? null : quality.sameTop().error());
    }
}
