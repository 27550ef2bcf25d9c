package dev.caracal.tools.compare;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.formats.prune.PruningMethod;
import dev.caracal.formats.prune.SparsityPattern;
import dev.caracal.formats.quantize.GgufQuantizer.Options;
import dev.caracal.formats.quantize.GgufQuantizer;
import dev.caracal.formats.quantize.ImportanceMatrixFile;
import dev.caracal.formats.quantize.QuantizationType;
import dev.caracal.formats.random.RandomModelWriter;
import dev.caracal.formats.testing.SharedData;
import dev.caracal.tools.bench.SpeedBenchmark;
import dev.caracal.tools.prune.ModelPruning;
import dev.caracal.tools.prune.StructuredPruning;
import dev.caracal.tools.quality.ImportanceMatrix;
import dev.caracal.tools.quality.KlDivergenceEvaluation;
import dev.caracal.tools.quality.KlDivergenceStatistics.Summary;
import dev.caracal.tools.quality.WeightSharing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The tables of docs/COMPRESSION.md, measured: every quantization type on stories260K with and without an importance
 * matrix (mean KL divergence, same-top rate and perplexity ratio against the F32 model on self-sampled tokens), and
 * size, bits per weight and decode speed of the 1B shape in each type. Run by {@code bin/compression-report}.
 *
 * <p>Calibration (the importance matrix) and evaluation tokens are sampled from the base model with different seeds,
 * so no type is scored on the text it was tuned on.
 */
public final class CompressionReport {

    private static final String USAGE = "usage: compression-report [--model F32.gguf] [--evaluate N] [--calibrate N]"
            + " [--types T,T,...] [--speed-types T,T,...] [--only quality,sharing,pruning,speed] [--threads N]"
            + " [--work DIR]";

    private CompressionReport() {
    }

    public static void main(String[] arguments) throws Exception {
        Path model = null;
        int evaluateTokens = 16384;
        int calibrateTokens = 8192;
        List<String> types = List.of("F16", "Q8_0", "Q6_K", "Q5_1", "Q5_0", "Q4_1", "IQ4_NL", "Q4_0", "Q5_K_M",
                "Q4_K_M");
        List<String> speedTypes = List.of("F16", "Q8_0", "Q6_K", "Q5_0", "IQ4_NL", "Q4_0", "Q5_K_M", "Q4_K_M");
        List<String> sections = List.of("quality", "sharing", "pruning", "speed");
        int threads = 2;
        Path work = Path.of("target", "compression-report");
        for (int i = 0; i < arguments.length; i++) {
            switch (arguments[i]) {
                case "--model" -> model = Path.of(arguments[++i]);
                case "--evaluate" -> evaluateTokens = Integer.parseInt(arguments[++i]);
                case "--calibrate" -> calibrateTokens = Integer.parseInt(arguments[++i]);
                case "--types" -> types = Arrays.asList(arguments[++i].split(","));
                case "--speed-types" -> speedTypes = Arrays.asList(arguments[++i].split(","));
                case "--only" -> sections = Arrays.asList(arguments[++i].split(","));
                case "--threads" -> threads = Integer.parseInt(arguments[++i]);
                case "--work" -> work = Path.of(arguments[++i]);
                default -> {
                    System.err.println(USAGE);
                    System.exit(2);
                }
            }
        }
        Files.createDirectories(work);
        Path base = model != null ? model : SharedData.require("models/stories260K.gguf");
        System.out.printf("# Compression report%n%nmachine: %d cores; %d threads%n%n",
                Runtime.getRuntime().availableProcessors(), threads);
        if (sections.contains("quality")) {
            quality(base, work, parse(types), evaluateTokens, calibrateTokens, threads);
        }
        if (sections.contains("sharing")) {
            sharing(base, work, evaluateTokens, threads);
        }
        if (sections.contains("pruning")) {
            pruning(base, work, evaluateTokens, calibrateTokens, threads);
        }
        if (sections.contains("speed")) {
            oneBillionShape(work, parse(speedTypes), threads);
        }
    }

    private static List<QuantizationType> parse(List<String> names) {
        List<QuantizationType> parsed = new ArrayList<>();
        for (String name : names) {
            Optional<QuantizationType> type = QuantizationType.find(name.strip());
            if (type.isEmpty()) {
                System.err.println("unknown type " + name + "; known: " + QuantizationType.names());
                System.exit(2);
            }
            parsed.add(type.get());
        }
        return parsed;
    }

    /** Quality of each type against {@code base}, without and with an importance matrix. */
    private static void quality(Path base, Path work, List<QuantizationType> types, int evaluateTokens,
            int calibrateTokens, int threads) throws IOException {
        Path imatrix = work.resolve("imatrix.gguf");
        ImportanceMatrix.Run calibration = ImportanceMatrix.run(base, KlDivergenceEvaluation.Input.selfSample(
                calibrateTokens, 2), "cpu", threads, 512, 0, null);
        ImportanceMatrix.write(calibration.result(), imatrix);
        ImportanceMatrixFile importance = ImportanceMatrixFile.read(imatrix);
        System.out.printf("## %s: quality against the F32 model%n%n", base.getFileName());
        System.out.printf("Evaluation: %,d tokens sampled from the F32 model (seed 1), chunks of 512, second halves"
                + " scored. Importance matrix: %,d tokens sampled with seed 2.%n%n", evaluateTokens, calibrateTokens);
        System.out.println("| type | imatrix | bits/weight | file bytes | mean KLD | same top | PPL ratio |"
                + " fallbacks |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---|");
        KlDivergenceEvaluation.Input input = KlDivergenceEvaluation.Input.selfSample(evaluateTokens, 1);
        for (QuantizationType type : types) {
            for (boolean weighted : new boolean[] {false, true}) {
                if (weighted && !usesImportance(type)) {
                    continue;
                }
                Path file = work.resolve(base.getFileName() + "-" + type + (weighted ? "-imatrix" : "") + ".gguf");
                Options options = weighted ? Options.of(type).withImportanceMatrix(importance) : Options.of(type);
                GgufQuantizer.Result quantized = GgufQuantizer.quantize(base, file, options, null);
                KlDivergenceEvaluation.Run run = KlDivergenceEvaluation.run(base, file, input, "cpu", threads, 512,
                        0, null);
                Summary summary = run.report().statistics();
                long weights = quantized.elements();
                System.out.printf("| %s | %s | %.2f | %,d | %.5f ± %.5f | %.2f%% | %.4f | %s |%n", type,
                        weighted ? "yes" : "no", 8.0 * quantized.writtenBytes() / weights, Files.size(file),
                        summary.kld().value(), summary.kld().error(), 100 * summary.sameTop().value(),
                        summary.perplexityRatio().value(), fallbacks(quantized));
            }
        }
        System.out.println();
    }

    /** k-means palettes (3 and 4 bits, per tensor and per 8 rows) and tied embeddings, on the same tokens. */
    private static void sharing(Path base, Path work, int evaluateTokens, int threads) throws IOException {
        System.out.printf("## %s: weight sharing%n%n", base.getFileName());
        System.out.println("Palettes are written decoded (GGUF has no palette type): the potential size counts the"
                + " indices and the F16 palettes.");
        System.out.println();
        System.out.println("| method | potential bits/weight | potential file bytes | real file bytes | mean KLD |"
                + " same top |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        KlDivergenceEvaluation.Input input = KlDivergenceEvaluation.Input.selfSample(evaluateTokens, 1);
        List<WeightSharing.Plan> plans = List.of(WeightSharing.Plan.kmeans(3, 0, 42),
                WeightSharing.Plan.kmeans(4, 0, 42), WeightSharing.Plan.kmeans(3, 8, 42),
                WeightSharing.Plan.kmeans(4, 8, 42),
                new WeightSharing.Plan(WeightSharing.Codebook.IQ4_NL, 4, 0, 42, false,
                        WeightSharing.DEFAULT_MAX_TIE_KLD),
                new WeightSharing.Plan(WeightSharing.Codebook.NONE, 0, 0, 42, true,
                        WeightSharing.DEFAULT_MAX_TIE_KLD));
        for (WeightSharing.Plan plan : plans) {
            Path file = work.resolve(base.getFileName() + "-share-" + plan.describe().replace(' ', '-') + ".gguf");
            WeightSharing.Report report = WeightSharing.run(base, file, plan, input, "cpu", threads, 512, 0, null);
            WeightSharing.Sharing sharing = report.sharing();
            String method = plan.tieEmbeddings() ? "tied embeddings (" + report.tie().embeddings().describe() + ")"
                    : plan.describe();
            String bits = sharing.tensors() == 0 ? "–"
                    : String.format(java.util.Locale.ROOT, "%.2f", sharing.potentialBitsPerWeight());
            System.out.printf("| %s | %s | %,d | %,d | %.5f ± %.5f | %.2f%% |%n", method, bits,
                    sharing.potentialFileBytes(), sharing.outputFileBytes(),
                    report.quality().kld().value(), report.quality().kld().error(),
                    100 * report.quality().sameTop().value());
        }
        System.out.println();
    }

    /** Unstructured, N:M and structured pruning, calibrated and evaluated on the same token sets as the types. */
    private static void pruning(Path base, Path work, int evaluateTokens, int calibrateTokens, int threads)
            throws IOException {
        System.out.printf("## %s: pruning%n%n", base.getFileName());
        System.out.println("Unstructured and N:M pruning keep every tensor's shape (GGUF has no sparse type, so the"
                + " file does not shrink); structured pruning rewrites the shapes.");
        System.out.println();
        System.out.println("| pruning | sparsity of the block matrices | file bytes | mean KLD | same top |");
        System.out.println("|---|---:|---:|---:|---:|");
        KlDivergenceEvaluation.Input calibration = KlDivergenceEvaluation.Input.selfSample(calibrateTokens, 2);
        KlDivergenceEvaluation.Input evaluation = KlDivergenceEvaluation.Input.selfSample(evaluateTokens, 1);
        List<SparsityPattern> patterns = List.of(SparsityPattern.unstructured(0.1), SparsityPattern.unstructured(0.2),
                SparsityPattern.unstructured(0.5), SparsityPattern.nOfM(2, 4));
        for (SparsityPattern pattern : patterns) {
            for (PruningMethod method : PruningMethod.values()) {
                ModelPruning.Plan plan = new ModelPruning.Plan(method, pattern);
                Path file = work.resolve(base.getFileName() + "-prune-" + plan.describe().replace(' ', '-')
                        .replace(':', '-').replace("%", "") + ".gguf");
                ModelPruning.Report report = ModelPruning.run(base, file, plan,
                        method.needsCalibration() ? calibration : null, evaluation, "cpu", threads, 512, 0, null);
                System.out.printf("| %s | %.2f%% | %,d | %.5f ± %.5f | %.2f%% |%n", plan.describe(),
                        100 * report.pruned().sparsity(), Files.size(file), report.quality().kld().value(),
                        report.quality().kld().error(), 100 * report.quality().sameTop().value());
            }
        }
        StructuredPruning.Calibration structured = new StructuredPruning.Calibration(calibration, 512, 0, "cpu",
                threads);
        record Structured(String name, StructuredPruning.Result result, Path file) {
        }
        List<Structured> rows = new ArrayList<>();
        Path dropped = work.resolve(base.getFileName() + "-drop-1.gguf");
        rows.add(new Structured("drop 1 layer (Block Influence)",
                StructuredPruning.dropLeastInfluentialLayers(base, dropped, 1, structured, null), dropped));
        Path heads = work.resolve(base.getFileName() + "-heads-25.gguf");
        rows.add(new Structured("prune 25% of key/value head groups",
                StructuredPruning.pruneHeads(base, heads, 0.25, structured, null), heads));
        Path narrow = work.resolve(base.getFileName() + "-ffn-75.gguf");
        rows.add(new Structured("FFN narrowed to 75%",
                StructuredPruning.narrowFeedForwardByFraction(base, narrow, 0.75, structured, null), narrow));
        for (Structured row : rows) {
            KlDivergenceEvaluation.Run run = KlDivergenceEvaluation.run(base, row.file(), evaluation, "cpu", threads,
                    512, 0, null);
            Summary summary = run.report().statistics();
            String detail = row.result().droppedLayers().isEmpty() ? ""
                    : " " + row.result().droppedLayers();
            System.out.printf("| %s%s | (shape) | %,d | %.5f ± %.5f | %.2f%% |%n", row.name(), detail,
                    row.result().outputFileBytes(), summary.kld().value(), summary.kld().error(),
                    100 * summary.sameTop().value());
        }
        System.out.println();
    }

    /** Whether llama.cpp's quantizer (and Caracal's) uses an importance matrix for {@code type}. */
    private static boolean usesImportance(QuantizationType type) {
        return QuantCodecs.of(type.base()).usesImportance();
    }

    private static String fallbacks(GgufQuantizer.Result result) {
        long count = result.fallbacks().size();
        if (count == 0) {
            return "none";
        }
        long matrices = result.tensors().stream().filter(tensor -> tensor.reason() != GgufQuantizer.Reason.COPIED)
                .count();
        return count + " of " + matrices + " matrices ("
                + result.fallbacks().stream().map(tensor -> tensor.written().name()).distinct()
                        .reduce((a, b) -> a + ", " + b).orElse("") + ")";
    }

    /** Size, bits per weight and decode speed of the 1B shape (random weights) in each type. */
    private static void oneBillionShape(Path work, List<QuantizationType> types, int threads) throws IOException {
        Path source = work.resolve("random-1b-f16.gguf");
        if (!Files.exists(source)) {
            RandomModelWriter.write(RandomModelWriter.Spec.oneBillionShape()
                    .withFormats(QuantFormat.F16, Optional.empty()), source);
        }
        System.out.println("## The 1B shape (random weights, Llama 3.2 1B's shapes): size and decode speed");
        System.out.println();
        System.out.printf("Decode: tokens/s generating 64 tokens after 16, median of 3 runs, %d threads.%n%n",
                threads);
        System.out.println("| type | file bytes | bits/weight | decode tok/s |");
        System.out.println("|---|---:|---:|---:|");
        try (Backend backend = BackendRegistry.open("cpu", new BackendOptions(threads))) {
            for (QuantizationType type : types) {
                Path file = type == QuantizationType.F16 ? source : work.resolve("random-1b-" + type + ".gguf");
                GgufQuantizer.Result quantized = type == QuantizationType.F16 ? null
                        : GgufQuantizer.quantize(source, file, Options.of(type), null);
                double bits = quantized != null ? 8.0 * quantized.writtenBytes() / quantized.elements() : 16.0;
                double decode;
                try (LanguageModel model = LanguageModel.open(file, backend, 128)) {
                    SpeedBenchmark.Result result = SpeedBenchmark.measure(model, 16, 64, 3);
                    decode = result.medianGenerationTokensPerSecond();
                }
                System.out.printf("| %s | %,d | %.2f | %.2f |%n", type, Files.size(file), bits, decode);
                if (quantized != null) {
                    Files.delete(file);
                }
            }
            // Structured pruning, then Q4_0: two of the 16 blocks dropped, and the FFN narrowed from 8192 to 6144.
            Path dropped = work.resolve("random-1b-f16-drop.gguf");
            StructuredPruning.dropLayers(source, dropped, List.of(7, 8), null);
            structuredRow(backend, work, dropped, "Q4_0, blocks 7 and 8 dropped (14 blocks)");
            Path narrowed = work.resolve("random-1b-f16-ffn6144.gguf");
            StructuredPruning.narrowFeedForward(source, narrowed, 6144, new StructuredPruning.Calibration(
                    KlDivergenceEvaluation.Input.selfSample(256, 2), 128, 0, "cpu", threads), null);
            structuredRow(backend, work, narrowed, "Q4_0, FFN narrowed to 6144");
        }
        System.out.println();
    }

    /** Quantizes {@code pruned} (F16) to Q4_0 and prints its size, bits per weight and decode speed. */
    private static void structuredRow(Backend backend, Path work, Path pruned, String name) throws IOException {
        Path file = work.resolve("random-1b-pruned-q4_0.gguf");
        GgufQuantizer.Result quantized = GgufQuantizer.quantize(pruned, file, Options.of(QuantizationType.Q4_0),
                null);
        double decode;
        try (LanguageModel model = LanguageModel.open(file, backend, 128)) {
            decode = SpeedBenchmark.measure(model, 16, 64, 3).medianGenerationTokensPerSecond();
        }
        System.out.printf("| %s | %,d | %.2f | %.2f |%n", name, Files.size(file),
                8.0 * quantized.writtenBytes() / quantized.elements(), decode);
        Files.delete(file);
        Files.delete(pruned);
    }
}
