package dev.caracal.app.cli;

import dev.caracal.tools.distill.Distillation;
import dev.caracal.tools.distill.Distillation.Options;
import dev.caracal.tools.distill.Distillation.Quality;
import dev.caracal.tools.distill.Distillation.Report;
import dev.caracal.tools.distill.Distillation.Training;
import dev.caracal.tools.quality.KlDivergenceStatistics.Estimate;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

/** {@code caracal distill}: heals a smaller student by logit distillation from its teacher. */
@Command(
        name = "distill",
        mixinStandardHelpOptions = true,
        description = {
            "Trains STUDENT (a smaller model with TEACHER's tokenizer, e.g. from prune --drop-layers; F32, F16 or BF16)"
                + " towards TEACHER and writes it to OUT in F32, labelled caracal.distill.*.",
            "The teacher samples --self-sample training tokens (--seed); its logits at every position are the targets"
                + " of the loss (1 − A)·T²·KL(teacher_T ‖ student_T) + A·cross-entropy of the sampled next token (T"
                + " --temperature, A --ce-weight). AdamW (β 0.9/0.999, ε 1e-8) on --batch sequences per step, a cosine"
                + " learning rate down to a tenth, gradients clipped to norm 1, for --minutes of wall clock or --steps;"
                + " OUT is rewritten every --checkpoint-minutes.",
            "The student is measured against the teacher before and after (mean KLD, same-top, perplexity ratio, as"
                + " evaluate reports them) on --evaluation-tokens other self-sampled tokens (--evaluation-seed);"
                + " --compare-ce also trains a copy on cross-entropy alone with the same budget."
        })
final class DistillCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TEACHER", description = "the GGUF model to learn from")
    Path teacher;

    @Parameters(index = "1", paramLabel = "STUDENT", description = "the smaller GGUF Llama model to train")
    Path student;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "the GGUF file to write")
    Path output;

    @Option(names = "--minutes", defaultValue = "15", paramLabel = "M",
            description = "wall-clock training budget per trained student (default: ${DEFAULT-VALUE}; 0 with --steps)")
    double minutes;

    @Option(names = "--steps", defaultValue = "0", paramLabel = "N",
            description = "stop after N optimizer steps (default: 0, no limit); seeded runs of N steps are repeatable")
    long steps;

    @Option(names = "--temperature", defaultValue = "1", paramLabel = "T",
            description = "distillation temperature (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--ce-weight", defaultValue = "0", paramLabel = "A",
            description = "weight of the cross-entropy term, 0 to 1 (default: ${DEFAULT-VALUE}, KL only)")
    double crossEntropyWeight;

    @Option(names = "--self-sample", defaultValue = "131072", paramLabel = "N",
            description = "training tokens the teacher samples (default: ${DEFAULT-VALUE})")
    int trainingTokens;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "seed of the training tokens and of their order (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--evaluation-tokens", defaultValue = "8192", paramLabel = "N",
            description = "tokens the teacher samples for the measurements (default: ${DEFAULT-VALUE})")
    int evaluationTokens;

    @Option(names = "--evaluation-seed", defaultValue = "2", paramLabel = "S",
            description = "their seed, other than --seed (default: ${DEFAULT-VALUE})")
    long evaluationSeed;

    @Option(names = {"-c", "--context"}, defaultValue = "128", paramLabel = "N",
            description = "tokens per sequence (default: ${DEFAULT-VALUE})")
    int context;

    @Option(names = "--batch", defaultValue = "8", paramLabel = "B",
            description = "sequences per optimizer step (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--learning-rate", defaultValue = "1e-3", paramLabel = "LR",
            description = "AdamW's initial learning rate (default: ${DEFAULT-VALUE})")
    double learningRate;

    @Option(names = "--weight-decay", defaultValue = "0", paramLabel = "W",
            description = "AdamW's decoupled weight decay of the matrices (default: ${DEFAULT-VALUE})")
    double weightDecay;

    @Option(names = "--checkpoint-minutes", defaultValue = "5", paramLabel = "M",
            description = "rewrite OUT every M minutes of training (default: ${DEFAULT-VALUE}; 0 only at the end)")
    double checkpointMinutes;

    @Option(names = "--compare-ce", description = "also train on cross-entropy alone with the same budget")
    boolean compareCrossEntropy;

    @Mixin
    BackendSelection backendSelection;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Options options;
        try {
            options = new Options(minutes, steps, temperature, crossEntropyWeight, trainingTokens, seed,
                    evaluationTokens, evaluationSeed, context, batch, learningRate, weightDecay, checkpointMinutes,
                    compareCrossEntropy, backendSelection.backendName, backendSelection.threads);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        long start = System.nanoTime();
        Report report;
        try (StagedProgress bars = new StagedProgress(spec.commandLine().getErr(), !json)) {
            report = Distillation.run(teacher, student, output, options, bars.shown()
                    ? (stage, done, total, detail) -> bars.update(stage, (int) done, (int) total, detail) : null);
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

    private void print(PrintWriter out, Report report, double seconds) {
        Options options = report.options();
        out.printf(Locale.ROOT, "teacher %s, student %s; %d training sequences of %d tokens (seed %d), %d evaluation"
                + " tokens (seed %d); backend %s, %d threads%n", teacher, student, report.trainingSequences(),
                options.context(), options.trainingSeed(), options.evaluationTokens(), options.evaluationSeed(),
                report.backend(), report.threads());
        out.printf(Locale.ROOT, "%-24s %7s %12s %8s %22s %17s %16s%n", "student", "steps", "tokens seen", "seconds",
                "mean KLD", "same top", "PPL ratio");
        row(out, "before", null, report.before());
        Training distilled = report.distilled();
        String name = String.format(Locale.ROOT, "distilled (T %s, A %s)", number(options.temperature()),
                number(options.crossEntropyWeight()));
        row(out, name, distilled, distilled.after());
        Training alone = report.crossEntropyOnly();
        if (alone != null) {
            row(out, "cross-entropy only", alone, alone.after());
        }
        out.printf(Locale.ROOT, "mean KLD %s by %.1f %%%s%n", cut(report.before(), distilled) >= 0 ? "cut" : "raised",
                Math.abs(100 * cut(report.before(), distilled)), alone == null ? ""
                        : String.format(Locale.ROOT, " (cross-entropy only: %.1f %%)",
                                100 * cut(report.before(), alone)));
        out.printf(Locale.ROOT, "wrote %s in %.1f s%n", output, seconds);
    }

    private static void row(PrintWriter out, String name, Training training, Quality quality) {
        out.printf(Locale.ROOT, "%-24s %7s %12s %8s %s %s %s%n", name,
                training == null ? "-" : String.format(Locale.ROOT, "%d", training.steps()),
                training == null ? "-" : String.format(Locale.ROOT, "%,d", training.tokens()),
                training == null ? "-" : String.format(Locale.ROOT, "%.1f", training.seconds()),
                String.format(Locale.ROOT, "%10.6f ± %9.6f", quality.kld().value(), quality.kld().error()),
                String.format(Locale.ROOT, "%7.3f ± %5.3f %%", 100 * quality.sameTop().value(),
                        100 * quality.sameTop().error()),
                String.format(Locale.ROOT, "%7.4f ± %6.4f", quality.perplexityRatio().value(),
                        quality.perplexityRatio().error()));
    }

    /** The fraction of the mean KLD training removed. */
    private static double cut(Quality before, Training training) {
        return 1 - training.after().kld().value() / before.kld().value();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private Map<String, Object> asMap(Report report, double seconds) {
        Options options = report.options();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("teacher", teacher.toString());
        map.put("student", student.toString());
        map.put("output", output.toString());
        map.put("temperature", options.temperature());
        map.put("ce_weight", options.crossEntropyWeight());
        map.put("minutes", options.minutes());
        map.put("max_steps", options.maxSteps());
        map.put("learning_rate", options.learningRate());
        map.put("weight_decay", options.weightDecay());
        map.put("batch", options.batchSequences());
        map.put("context", options.context());
        map.put("training_tokens", options.trainingTokens());
        map.put("training_sequences", report.trainingSequences());
        map.put("seed", options.trainingSeed());
        map.put("evaluation_tokens", options.evaluationTokens());
        map.put("evaluation_seed", options.evaluationSeed());
        map.put("backend", report.backend());
        map.put("threads", report.threads());
        map.put("seconds", seconds);
        map.put("before", quality(report.before()));
        map.put("distilled", training(report.before(), report.distilled()));
        map.put("cross_entropy_only", report.crossEntropyOnly() == null ? null
                : training(report.before(), report.crossEntropyOnly()));
        return map;
    }

    private static Map<String, Object> training(Quality before, Training training) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("ce_weight", training.crossEntropyWeight());
        map.put("steps", training.steps());
        map.put("tokens_seen", training.tokens());
        map.put("seconds", training.seconds());
        map.put("first_loss", finite(training.firstLoss()));
        map.put("last_loss", finite(training.lastLoss()));
        map.put("checkpoints", training.checkpoints());
        map.putAll(quality(training.after()));
        map.put("kld_cut", cut(before, training));
        return map;
    }

    private static Map<String, Object> quality(Quality quality) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("positions", quality.positions());
        put(map, "kld_mean", quality.kld());
        put(map, "same_top", quality.sameTop());
        put(map, "perplexity_ratio", quality.perplexityRatio());
        return map;
    }

    private static void put(Map<String, Object> map, String key, Estimate estimate) {
        map.put(key, finite(estimate.value()));
        map.put(key + "_error", finite(estimate.error()));
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
