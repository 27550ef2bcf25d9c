package dev.caracal.app.cli;

import dev.caracal.formats.prune.GgufPruner;
import dev.caracal.formats.prune.GgufPruner.TensorResult;
import dev.caracal.formats.prune.PruningMethod;
import dev.caracal.formats.prune.SparsityPattern;
import dev.caracal.tools.prune.ModelPruning;
import dev.caracal.tools.prune.StructuredPruning;
import dev.caracal.tools.prune.ModelPruning.Plan;
import dev.caracal.tools.prune.ModelPruning.Quality;
import dev.caracal.tools.prune.ModelPruning.Report;
import dev.caracal.tools.quality.KlDivergenceEvaluation;
import dev.caracal.tools.quality.KlDivergenceStatistics;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code caracal prune}: magnitude, Wanda or SparseGPT pruning of a model's weights, or structured pruning of whole
 * layers, attention head groups or FFN channels, with its cost in KL divergence.
 */
@Command(
        name = "prune",
        mixinStandardHelpOptions = true,
        description = {
            "Writes OUT, a copy of IN (F32, F16 or BF16) with the weight matrices of its blocks pruned, and measures"
                + " it against IN (mean KL divergence and same-top rate, as evaluate reports them) on --eval-tokens"
                + " tokens self-sampled from IN with --eval-seed. The token embedding and output matrix stay dense.",
            "--sparsity S zeroes exactly round(S x columns) weights of every row (output); --pattern N:M keeps exactly"
                + " N nonzero weights in every M consecutive input columns and zeroes the other M-N (2:4 and 4:8 are"
                + " 50%% sparse).",
            "--method magnitude scores |W|; wanda |W| x the input column's activation norm; sparsegpt chooses by"
                + " w^2/[H^-1]jj per block of 128 columns and updates the remaining weights of the row to make up"
                + " the error (H = X^T X). wanda and sparsegpt run IN over calibration tokens (-f or --self-sample"
                + " with --seed) first.",
            "GGUF has no sparse type: zeros are stored as weights, OUT is as large as IN, and llama.cpp and Caracal"
                + " multiply it densely (no sparse or 2:4 kernels), so pruning alone saves neither space nor time.",
            "Structured pruning instead of --method (one of): --drop-layers auto[:N] drops the N (default 1) blocks"
                + " of least Block Influence (1 - cos of the residual stream entering and leaving the block, on the"
                + " calibration tokens), --drop-layers 2,5 drops those; --prune-heads F removes the fraction F of"
                + " key/value head groups (each with its query heads) of least importance in every block; --ffn-width"
                + " W keeps the W FFN channels of most importance in every block. These rewrite the shapes, so OUT"
                + " is smaller, and it loads in llama.cpp and Caracal."
        })
final class PruneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "the F32, F16 or BF16 GGUF model")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "the GGUF file to write")
    Path output;

    @Option(names = "--method", paramLabel = "METHOD", description = "magnitude, wanda or sparsegpt")
    String method;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Amount amount;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Structure structure;

    /** Structured pruning: which whole parts go. */
    static final class Structure {
        @Option(names = "--drop-layers", paramLabel = "auto[:N]|LIST",
                description = "drop the N blocks of least Block Influence (auto: one), or the blocks listed (0-based)")
        String dropLayers;

        @Option(names = "--prune-heads", paramLabel = "F",
                description = "remove the fraction F of key/value head groups in every block (0.25 for a quarter)")
        Double pruneHeads;

        @Option(names = "--ffn-width", paramLabel = "W", description = "keep W FFN channels in every block")
        Integer feedForwardWidth;
    }

    /** How much: a fraction of every row, or N:M. */
    static final class Amount {
        @Option(names = "--sparsity", paramLabel = "S",
                description = "the fraction of every row's weights zeroed, 0 ≤ S < 1 (0.5 for half)")
        Double sparsity;

        @Option(names = "--pattern", paramLabel = "N:M",
                description = "N nonzero weights in every M consecutive columns (2:4, 4:8)")
        String pattern;
    }

    @Mixin
    CalibrationTokens tokens;

    @Option(names = "--eval-tokens", defaultValue = "2048", paramLabel = "N",
            description = "tokens self-sampled from IN for the evaluation (default: ${DEFAULT-VALUE})")
    int evaluationTokens;

    @Option(names = "--eval-seed", paramLabel = "S",
            description = "seed of the evaluation tokens, not that of the calibration (default: --seed + 1)")
    Long evaluationSeed;

    @Mixin
    BackendSelection backendSelection;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (structure != null) {
            if (method != null || amount != null) {
                throw new ParameterException(spec.commandLine(), "--drop-layers, --prune-heads and --ffn-width"
                        + " prune structure; give them without --method, --sparsity or --pattern");
            }
            return pruneStructure();
        }
        if (method == null || amount == null) {
            throw new ParameterException(spec.commandLine(), "give --method with --sparsity or --pattern, or one of"
                    + " --drop-layers, --prune-heads, --ffn-width");
        }
        PruningMethod chosen = switch (method.toLowerCase(Locale.ROOT)) {
            case "magnitude" -> PruningMethod.MAGNITUDE;
            case "wanda" -> PruningMethod.WANDA;
            case "sparsegpt" -> PruningMethod.SPARSEGPT;
            default -> throw new ParameterException(spec.commandLine(),
                    "unknown --method '" + method + "'; use magnitude, wanda or sparsegpt");
        };
        SparsityPattern pattern;
        try {
            pattern = amount.pattern != null ? SparsityPattern.parseNOfM(amount.pattern)
                    : SparsityPattern.unstructured(amount.sparsity);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--sparsity or --pattern: " + e.getMessage());
        }
        long evalSeed = checkTokens(chosen.needsCalibration());
        Plan plan = new Plan(chosen, pattern);
        long start = System.nanoTime();
        Report report;
        try (StagedProgress bars = new StagedProgress(spec.commandLine().getErr(), !json)) {
            report = ModelPruning.run(input, output, plan, chosen.needsCalibration() ? tokens.input() : null,
                    KlDivergenceEvaluation.Input.selfSample(evaluationTokens, evalSeed), backendSelection.backendName,
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
        return 0;
    }

    /**
     * Checks the token options (calibration ones only where {@code calibrated}) and IN, and returns the evaluation
     * seed, which must differ from the calibration's.
     */
    private long checkTokens(boolean calibrated) throws NoSuchFileException {
        if (evaluationTokens < 1) {
            throw new ParameterException(spec.commandLine(), "--eval-tokens must be ≥ 1");
        }
        long evalSeed = evaluationSeed != null ? evaluationSeed : tokens.seed + 1;
        if (calibrated) {
            tokens.check(spec, backendSelection.threads, input);
            if (tokens.source.selfSample != null && evalSeed == tokens.seed) {
                throw new ParameterException(spec.commandLine(),
                        "--eval-seed must differ from --seed: evaluate on other tokens than the calibration's");
            }
        } else {
            tokens.checkCounts(spec, backendSelection.threads);
            CalibrationTokens.requireFile(input);
        }
        return evalSeed;
    }

    /** Drops layers, head groups or FFN channels, then evaluates OUT against IN. */
    private int pruneStructure() throws Exception {
        List<Integer> listed = structure.dropLayers != null && !structure.dropLayers.startsWith("auto")
                ? layerList(structure.dropLayers) : null;
        long evalSeed = checkTokens(listed == null);
        long start = System.nanoTime();
        StructuredPruning.Result result;
        KlDivergenceEvaluation.Run evaluation;
        try (StagedProgress bars = new StagedProgress(spec.commandLine().getErr(), !json)) {
            StructuredPruning.Progress progress = bars.shown() ? bars::update : null;
            StructuredPruning.Calibration calibration = listed != null ? null
                    : new StructuredPruning.Calibration(tokens.input(), tokens.context, tokens.chunks,
                            backendSelection.backendName, backendSelection.threads);
            if (listed != null) {
                result = StructuredPruning.dropLayers(input, output, listed, progress);
            } else if (structure.dropLayers != null) {
                result = StructuredPruning.dropLeastInfluentialLayers(input, output,
                        autoCount(structure.dropLayers), calibration, progress);
            } else if (structure.pruneHeads != null) {
                result = StructuredPruning.pruneHeads(input, output, structure.pruneHeads, calibration, progress);
            } else {
                result = StructuredPruning.narrowFeedForward(input, output, structure.feedForwardWidth,
                        calibration, progress);
            }
            evaluation = KlDivergenceEvaluation.run(input, output,
                    KlDivergenceEvaluation.Input.selfSample(evaluationTokens, evalSeed), backendSelection.backendName,
                    backendSelection.threads, tokens.context, tokens.chunks,
                    progress == null ? null : (done, total) -> progress.update("chunk", done, total, "evaluating"));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        KlDivergenceStatistics.Summary quality = evaluation.report().statistics();
        if (json) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("input", input.toString());
            map.put("output", output.toString());
            map.put("operation", result.operation().name().toLowerCase(Locale.ROOT));
            map.put("before", shape(result.before()));
            map.put("after", shape(result.after()));
            map.put("block_influence", result.blockInfluence());
            map.put("dropped_layers", result.droppedLayers());
            map.put("removed_head_groups", result.removedHeadGroups());
            map.put("input_file_bytes", result.inputFileBytes());
            map.put("output_file_bytes", result.outputFileBytes());
            map.put("evaluation_tokens", evaluation.report().tokens());
            map.put("positions", quality.positions());
            map.put("kld_mean", quality.kld().value());
            map.put("kld_mean_error", quality.kld().error());
            map.put("same_top", quality.sameTop().value());
            map.put("same_top_error", quality.sameTop().error());
            map.put("ppl_ratio", quality.perplexityRatio().value());
            map.put("backend", evaluation.backend());
            map.put("threads", evaluation.threads());
            map.put("seconds", seconds);
            out.println(JsonMapper.builder().build().writeValueAsString(map));
        } else {
            out.printf(Locale.ROOT, "input %s, %,d bytes; %s%n", input, result.inputFileBytes(),
                    result.operation().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            if (!result.blockInfluence().isEmpty()) {
                out.printf(Locale.ROOT, "block influence (1 - cos(x_in, x_out)) by layer: %s%n",
                        result.blockInfluence().stream().map(value -> String.format(Locale.ROOT, "%.4f", value))
                                .toList());
            }
            if (!result.droppedLayers().isEmpty()) {
                out.printf(Locale.ROOT, "dropped layers: %s%n", result.droppedLayers());
            }
            out.printf(Locale.ROOT, "shape: %s -> %s%n", describe(result.before()), describe(result.after()));
            out.printf(Locale.ROOT, "evaluation: %d tokens self-sampled with seed %d, %d positions, backend %s,"
                    + " %d threads%n", evaluation.report().tokens(), evalSeed, quality.positions(),
                    evaluation.backend(), evaluation.threads());
            out.printf(Locale.ROOT, "mean KLD %.6f ± %.6f, same top %.3f ± %.3f %%, PPL ratio %.4f%n",
                    quality.kld().value(), quality.kld().error(), 100 * quality.sameTop().value(),
                    100 * quality.sameTop().error(), quality.perplexityRatio().value());
            out.printf(Locale.ROOT, "wrote %s (%,d bytes, %.1f%% of IN) in %.1f s%n", output,
                    result.outputFileBytes(), 100.0 * result.outputFileBytes() / result.inputFileBytes(), seconds);
        }
        out.flush();
        return 0;
    }

    private List<Integer> layerList(String list) {
        List<Integer> layers = new ArrayList<>();
        for (String item : list.split(",")) {
            try {
                layers.add(Integer.parseInt(item.strip()));
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--drop-layers: '" + list
                        + "' is not auto, auto:N or a list of layer numbers such as 2,5");
            }
        }
        return layers;
    }

    private int autoCount(String value) {
        if (value.equals("auto")) {
            return 1;
        }
        try {
            if (value.startsWith("auto:")) {
                return Integer.parseInt(value.substring(5));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), "--drop-layers: '" + value
                + "' is not auto, auto:N or a list of layer numbers such as 2,5");
    }

    private static String describe(StructuredPruning.Shape shape) {
        return String.format(Locale.ROOT, "%d blocks, %d heads (%d key/value) of %d, FFN %d", shape.blockCount(),
                shape.headCount(), shape.headCountKv(), shape.headSize(), shape.feedForwardLength());
    }

    private static Map<String, Object> shape(StructuredPruning.Shape shape) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("block_count", shape.blockCount());
        map.put("head_count", shape.headCount());
        map.put("head_count_kv", shape.headCountKv());
        map.put("head_size", shape.headSize());
        map.put("feed_forward_length", shape.feedForwardLength());
        return map;
    }

    private void print(PrintWriter out, Report report, double seconds) {
        GgufPruner.Result pruned = report.pruned();
        SparsityPattern pattern = report.plan().pattern();
        out.printf(Locale.ROOT, "input %s, %,d bytes; method %s, %s%n", input, pruned.inputFileBytes(),
                report.plan().method().label(), pattern.isStructured()
                        ? pattern.describe() + " (" + pattern.kept() + " nonzero in every " + pattern.group()
                                + " consecutive columns)"
                        : pattern.describe() + " of every matrix, spread evenly over its rows");
        ModelPruning.Calibration calibration = report.calibration();
        if (calibration.tokens() == 0) {
            out.println("calibration: none (magnitude needs no activations)");
        } else {
            out.printf(Locale.ROOT, "calibration: %s, %d tokens, %d chunks of %d, block by block (%d passes, each on"
                    + " the model pruned up to its block)%n", calibration.source(), calibration.tokens(),
                    calibration.chunks(), report.context(), calibration.passes());
        }
        out.printf(Locale.ROOT, "evaluation: %s, %d tokens, %d chunks of %d, backend %s, %d threads%n",
                report.evaluation(), report.evaluationTokens(), report.chunks(), report.context(), report.backend(),
                report.threads());
        out.printf(Locale.ROOT, "%-10s %-7s %7s %12s %12s %11s %22s %17s%n", "method", "pattern", "tensors",
                "weights", "zeroed", "sparsity", "mean KLD", "same top");
        Quality quality = report.quality();
        out.printf(Locale.ROOT, "%-10s %-7s %7d %,12d %,12d %10.6f%% %10.6f ± %9.6f %7.3f ± %5.3f %%%n",
                report.plan().method().label(), pattern.describe(), pruned.tensors().size(), pruned.elements(),
                pruned.zeroed(), 100 * pruned.sparsity(), quality.kld().value(), quality.kld().error(),
                100 * quality.sameTop().value(), 100 * quality.sameTop().error());
        out.println("token_embd.weight and output.weight kept dense");
        out.println(note(pattern));
        out.printf(Locale.ROOT, "wrote %s (%,d bytes) in %.1f s%n", output, pruned.outputFileBytes(), seconds);
    }

    /** What the pattern gains today, said plainly. */
    static String note(SparsityPattern pattern) {
        String stored = "(the zeros are stored as weights, so OUT is as large as IN)";
        return pattern.isStructured()
                ? "space and time: none today. GGUF has no N:M type " + stored + " and the CPU backend, like"
                        + " llama.cpp's, multiplies " + pattern.describe() + " matrices densely; speed: not measured:"
                        + " no " + pattern.describe() + " kernel"
                : "space and time: none. Unstructured sparsity saves neither in GGUF today: there is no sparse tensor"
                        + " type " + stored + " and llama.cpp, like Caracal, has no sparse CPU kernels";
    }

    private Map<String, Object> asMap(Report report, double seconds) {
        GgufPruner.Result pruned = report.pruned();
        SparsityPattern pattern = report.plan().pattern();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("input", input.toString());
        map.put("output", output.toString());
        map.put("method", report.plan().method().label());
        map.put("pattern", pattern.isStructured() ? pattern.describe() : null);
        map.put("target_sparsity", pattern.sparsity());
        map.put("tensors", pruned.tensors().size());
        map.put("elements", pruned.elements());
        map.put("zeroed", pruned.zeroed());
        map.put("sparsity", pruned.sparsity());
        map.put("zeros", pruned.zeros());
        map.put("input_file_bytes", pruned.inputFileBytes());
        map.put("output_file_bytes", pruned.outputFileBytes());
        Map<String, Object> calibration = new LinkedHashMap<>();
        calibration.put("source", report.calibration().source());
        calibration.put("tokens", report.calibration().tokens());
        calibration.put("chunks", report.calibration().chunks());
        calibration.put("passes", report.calibration().passes());
        map.put("calibration", calibration);
        map.put("evaluation", report.evaluation());
        map.put("evaluation_tokens", report.evaluationTokens());
        map.put("context", report.context());
        map.put("chunks", report.chunks());
        map.put("backend", report.backend());
        map.put("threads", report.threads());
        map.put("seconds", seconds);
        Quality quality = report.quality();
        map.put("positions", quality.positions());
        map.put("kld_mean", quality.kld().value());
        map.put("kld_mean_error", quality.kld().error());
        map.put("same_top", quality.sameTop().value());
        map.put("same_top_error", quality.sameTop().error());
        map.put("note", note(pattern));
        List<Map<String, Object>> tensors = new ArrayList<>();
        for (TensorResult tensor : pruned.tensors()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", tensor.name());
            entry.put("shape", tensor.dimensions());
            entry.put("type", tensor.format().name());
            entry.put("zeroed", tensor.zeroed());
            entry.put("zeros", tensor.zeros());
            entry.put("relative_change", tensor.relativeChange());
            tensors.add(entry);
        }
        map.put("pruned", tensors);
        return map;
    }
}
