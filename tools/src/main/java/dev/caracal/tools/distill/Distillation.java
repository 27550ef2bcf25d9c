package dev.caracal.tools.distill;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.model.SequenceRunner;
import dev.caracal.formats.gguf.GgufValue;
import dev.caracal.formats.tokenizer.Tokenizer;
import dev.caracal.tools.quality.KlDivergenceEvaluation;
import dev.caracal.tools.quality.KlDivergenceStatistics;
import dev.caracal.tools.quality.KlDivergenceStatistics.Estimate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Heals a smaller student (the same tokenizer as its teacher) by logit distillation: the teacher samples training
 * text, its logits at every position become targets once, and the student's float64 copy ({@link TrainableLlama})
 * is trained with {@link DistillationLoss} and {@link AdamW} on mini-batches of sequences until a wall-clock budget or
 * a step count runs out. The student is measured against the teacher (mean KLD, same-top, perplexity ratio on other
 * self-sampled tokens) before and after, and optionally against a student trained on cross-entropy alone with the same
 * budget.
 */
public final class Distillation {

    /** The learning rate at the end of the budget, as a fraction of the initial one. */
    static final double FINAL_LEARNING_RATE_FACTOR = 0.1;

    /** Metadata key prefix of a distilled file. */
    public static final String METADATA_PREFIX = "caracal.distill.";

    /**
     * How to train and measure.
     *
     * @param minutes             wall-clock training budget per trained student (0 for none: then {@code maxSteps})
     * @param maxSteps            optimizer steps at most (0 for no limit: then {@code minutes})
     * @param temperature         the distillation temperature T
     * @param crossEntropyWeight  A in {@code (1 − A) T² KL + A CE}
     * @param trainingTokens      tokens the teacher samples for training
     * @param trainingSeed        their seed
     * @param evaluationTokens    tokens the teacher samples for the measurements
     * @param evaluationSeed      their seed (other than the training seed)
     * @param context             tokens per sequence, in training and in the measurements
     * @param batchSequences      sequences per optimizer step
     * @param learningRate        AdamW's learning rate
     * @param weightDecay         AdamW's decoupled weight decay (matrices only)
     * @param checkpointMinutes   write the output every so many minutes of training (0 for only at the end)
     * @param compareCrossEntropy also train a copy on cross-entropy alone with the same budget
     * @param backend             the engine backend for the teacher and the measurements ({@code auto} for the best)
     * @param threads             worker threads for the engine and for training (0 for the default)
     */
    public record Options(double minutes, long maxSteps, double temperature, double crossEntropyWeight,
            int trainingTokens, long trainingSeed, int evaluationTokens, long evaluationSeed, int context,
            int batchSequences, double learningRate, double weightDecay, double checkpointMinutes,
            boolean compareCrossEntropy, String backend, int threads) {

        public Options {
            if (!(minutes >= 0) || maxSteps < 0 || (minutes == 0 && maxSteps == 0)) {
                throw new IllegalArgumentException("give a time budget (minutes > 0) or a step count (> 0)");
            }
            new DistillationLoss(temperature, crossEntropyWeight); // checks both
            if (context < 2 || trainingTokens < context || evaluationTokens < context) {
                throw new IllegalArgumentException("need at least one sequence of " + context
                        + " tokens (≥ 2) for training and for evaluation; got " + trainingTokens + " and "
                        + evaluationTokens + " tokens");
            }
            if (trainingSeed == evaluationSeed) {
                throw new IllegalArgumentException("the training and evaluation seeds must differ (both "
                        + trainingSeed + "): the measurement must be on other tokens than the training");
            }
            if (batchSequences < 1 || !(checkpointMinutes >= 0) || threads < 0) {
                throw new IllegalArgumentException("the batch must be ≥ 1, the checkpoint minutes and threads ≥ 0");
            }
            if (!(learningRate > 0) || !(weightDecay >= 0)) {
                throw new IllegalArgumentException("the learning rate must be > 0 and the weight decay ≥ 0, not "
                        + learningRate + " and " + weightDecay);
            }
        }

        /**
         * Defaults: 15 minutes, T = 1, KL only, 131072 training and 8192 evaluation tokens in sequences of 128, 8 per
         * step, learning rate 1e-3 without weight decay, a checkpoint every 5 minutes.
         */
        public static Options defaults() {
            return new Options(15, 0, 1, 0, 131072, 1, 8192, 2, 128, 8, 1e-3, 0, 5, false, "auto", 0);
        }

        public Options withBudget(double newMinutes, long newMaxSteps) {
            return new Options(newMinutes, newMaxSteps, temperature, crossEntropyWeight, trainingTokens,
                    trainingSeed, evaluationTokens, evaluationSeed, context, batchSequences, learningRate,
                    weightDecay, checkpointMinutes, compareCrossEntropy, backend, threads);
        }

        public Options withTokens(int training, long seed, int evaluation, long otherSeed) {
            return new Options(minutes, maxSteps, temperature, crossEntropyWeight, training, seed, evaluation,
                    otherSeed, context, batchSequences, learningRate, weightDecay, checkpointMinutes,
                    compareCrossEntropy, backend, threads);
        }

        public Options withLoss(double newTemperature, double newCrossEntropyWeight) {
            return new Options(minutes, maxSteps, newTemperature, newCrossEntropyWeight, trainingTokens,
                    trainingSeed, evaluationTokens, evaluationSeed, context, batchSequences, learningRate,
                    weightDecay, checkpointMinutes, compareCrossEntropy, backend, threads);
        }

        public Options withTraining(int newContext, int newBatch, double newLearningRate, double newWeightDecay) {
            return new Options(minutes, maxSteps, temperature, crossEntropyWeight, trainingTokens, trainingSeed,
                    evaluationTokens, evaluationSeed, newContext, newBatch, newLearningRate, newWeightDecay,
                    checkpointMinutes, compareCrossEntropy, backend, threads);
        }

        public Options withCheckpointsAndComparison(double newCheckpointMinutes, boolean compare) {
            return new Options(minutes, maxSteps, temperature, crossEntropyWeight, trainingTokens, trainingSeed,
                    evaluationTokens, evaluationSeed, context, batchSequences, learningRate, weightDecay,
                    newCheckpointMinutes, compare, backend, threads);
        }

        public Options withBackend(String name, int threadCount) {
            return new Options(minutes, maxSteps, temperature, crossEntropyWeight, trainingTokens, trainingSeed,
                    evaluationTokens, evaluationSeed, context, batchSequences, learningRate, weightDecay,
                    checkpointMinutes, compareCrossEntropy, name, threadCount);
        }
    }

    /**
     * The student against the teacher on the evaluation tokens.
     *
     * @param positions       scored positions (the second half of each sequence, as {@code evaluate} scores them)
     * @param kld             mean KL(teacher ‖ student)
     * @param sameTop         how often both rank the same token first
     * @param perplexityRatio student perplexity / teacher perplexity
     */
    public record Quality(long positions, Estimate kld, Estimate sameTop, Estimate perplexityRatio) {

        static Quality of(KlDivergenceStatistics.Summary summary) {
            return new Quality(summary.positions(), summary.kld(), summary.sameTop(), summary.perplexityRatio());
        }
    }

    /**
     * One trained student.
     *
     * @param crossEntropyWeight A of its loss (1: cross-entropy alone)
     * @param steps              optimizer steps
     * @param tokens             tokens seen (steps × sequences × context)
     * @param seconds            training wall-clock seconds (teacher sampling and measurements excluded)
     * @param firstLoss          the mean loss of the first step
     * @param lastLoss           the mean loss of the last step
     * @param after              the student after training
     * @param checkpoints        files written during training (the output rewritten)
     */
    public record Training(double crossEntropyWeight, long steps, long tokens, double seconds, double firstLoss,
            double lastLoss, Quality after, int checkpoints) {
    }

    /**
     * The whole run.
     *
     * @param trainingSequences sequences in the training set
     * @param before            the student before training
     * @param distilled         the student written to the output
     * @param crossEntropyOnly  the cross-entropy-only student with the same budget, or null when not asked
     * @param backend           the engine backend's name
     * @param threads           its worker threads
     */
    public record Report(Options options, int trainingSequences, Quality before, Training distilled,
            Training crossEntropyOnly, String backend, int threads) {
    }

    /** Told as work proceeds; {@code stage} names the step, {@code detail} may be empty. */
    @FunctionalInterface
    public interface Progress {
        void update(String stage, long done, long total, String detail);
    }

    private Distillation() {
    }

    /**
     * Distills {@code teacher} into {@code student} and writes the result to {@code output}.
     *
     * @throws IllegalArgumentException when the tokenizers differ, the student is quantized or not a plain Llama,
     *     or the output is an input
     */
    public static Report run(Path teacher, Path student, Path output, Options options, Progress progress)
            throws IOException {
        for (Path input : List.of(teacher, student)) {
            if (!Files.isRegularFile(input)) {
                throw new NoSuchFileException(input.toString());
            }
            if (Files.exists(output) && Files.isSameFile(input, output)) {
                throw new IllegalArgumentException("OUT is " + input + "; write the distilled student elsewhere");
            }
        }
        TrainableLlama initial = LlamaGguf.read(student);
        BackendOptions backendOptions = new BackendOptions(options.threads());
        try (Backend backend = BackendRegistry.open(options.backend(), backendOptions);
                LanguageModel teacherModel = LanguageModel.open(teacher, backend, 0);
                LanguageModel studentModel = LanguageModel.open(student, backend, 0)) {
            requireSameTokenizer(teacherModel.tokenizer(), studentModel.tokenizer());
            if (teacherModel.config().vocabularySize() != initial.shape().vocabulary()) {
                throw new IllegalArgumentException("the output vocabularies differ: teacher "
                        + teacherModel.config().vocabularySize() + " tokens, student " + initial.shape().vocabulary());
            }
            int context = Math.min(options.context(),
                    Math.min(teacherModel.contextLength(), studentModel.contextLength()));
            report(progress, "sampling evaluation tokens", 0, 1);
            int[] evaluationTokens = KlDivergenceEvaluation.selfSample(teacherModel, options.evaluationTokens(),
                    options.evaluationSeed(), context);
            Quality before = Quality.of(KlDivergenceEvaluation.evaluate(teacherModel, studentModel,
                    evaluationTokens, context, 0, null).statistics());
            report(progress, "sampling training tokens", 0, 1);
            int[] trainingTokens = KlDivergenceEvaluation.selfSample(teacherModel, options.trainingTokens(),
                    options.trainingSeed(), context);
            List<DistillationLoss.Targets> targets = targets(teacherModel, trainingTokens, context,
                    options.temperature(), progress);
            Map<String, GgufValue> labels = labels(teacher, options);
            Training distilled = train(student, initial, targets, options.crossEntropyWeight(), options, output,
                    labels, teacherModel, evaluationTokens, context, backend, progress);
            Training crossEntropyOnly = null;
            if (options.compareCrossEntropy()) {
                Path comparison = Files.createTempFile(output.toAbsolutePath().getParent(), "caracal-distill-ce-",
                        ".gguf");
                try {
                    Options alone = options.withCheckpointsAndComparison(0, false);
                    Map<String, GgufValue> ceLabels = labels(teacher, alone.withLoss(options.temperature(), 1));
                    crossEntropyOnly = train(student, LlamaGguf.read(student), targets, 1, alone, comparison,
                            ceLabels, teacherModel, evaluationTokens, context, backend, progress);
                } finally {
                    Files.deleteIfExists(comparison);
                }
            }
            return new Report(options, targets.size(), before, distilled, crossEntropyOnly, backend.name(),
                    backendOptions.resolvedThreads());
        }
    }

    /** Trains {@code model} on {@code targets}, writes {@code output} and measures it. */
    private static Training train(Path template, TrainableLlama model, List<DistillationLoss.Targets> targets,
            double crossEntropyWeight, Options options, Path output, Map<String, GgufValue> labels,
            LanguageModel teacherModel, int[] evaluationTokens, int context, Backend backend, Progress progress)
            throws IOException {
        DistillationLoss loss = new DistillationLoss(options.temperature(), crossEntropyWeight);
        Trainer trainer = new Trainer(model, loss, options.learningRate(), options.weightDecay(),
                options.batchSequences(), options.trainingSeed(), options.threads());
        String stage = crossEntropyWeight == 1 ? "training (cross-entropy only)" : "distilling";
        long budgetNanos = (long) (options.minutes() * 60e9);
        long checkpointNanos = (long) (options.checkpointMinutes() * 60e9);
        long start = System.nanoTime();
        long nextCheckpoint = checkpointNanos > 0 ? checkpointNanos : Long.MAX_VALUE;
        int checkpoints = 0;
        double firstLoss = Double.NaN;
        double lastLoss = Double.NaN;
        try {
            while (true) {
                long elapsed = System.nanoTime() - start;
                if ((options.maxSteps() > 0 && trainer.steps() >= options.maxSteps())
                        || (budgetNanos > 0 && elapsed >= budgetNanos)) {
                    break;
                }
                double done = Math.max(budgetNanos > 0 ? (double) elapsed / budgetNanos : 0,
                        options.maxSteps() > 0 ? (double) trainer.steps() / options.maxSteps() : 0);
                lastLoss = trainer.step(targets, learningRateFactor(done));
                if (trainer.steps() == 1) {
                    firstLoss = lastLoss;
                }
                elapsed = System.nanoTime() - start;
                if (progress != null) {
                    String detail = String.format(Locale.ROOT, "step %d, loss %.4f", trainer.steps(),
                            lastLoss);
                    if (budgetNanos > 0) {
                        progress.update(stage, Math.min(elapsed / 1_000_000_000L, budgetNanos / 1_000_000_000L),
                                budgetNanos / 1_000_000_000L, detail);
                    } else {
                        progress.update(stage, trainer.steps(), options.maxSteps(), detail);
                    }
                }
                if (elapsed >= nextCheckpoint) {
                    LlamaGguf.write(template, model, withProgress(labels, trainer, elapsed), output);
                    checkpoints++;
                    nextCheckpoint += checkpointNanos;
                }
            }
        } finally {
            trainer.close();
        }
        long elapsed = System.nanoTime() - start;
        LlamaGguf.write(template, model, withProgress(labels, trainer, elapsed), output);
        report(progress, "measuring", 0, 1);
        Quality after;
        try (LanguageModel trained = LanguageModel.open(output, backend, 0)) {
            after = Quality.of(KlDivergenceEvaluation.evaluate(teacherModel, trained, evaluationTokens, context, 0,
                    null).statistics());
        }
        return new Training(crossEntropyWeight, trainer.steps(), trainer.tokens(), elapsed / 1e9, firstLoss,
                lastLoss, after, checkpoints);
    }

    /**
     * The learning rate's schedule over the budget's fraction {@code done}: a cosine from 1 down to
     * {@link #FINAL_LEARNING_RATE_FACTOR}.
     */
    static double learningRateFactor(double done) {
        double cosine = 0.5 * (1 + Math.cos(Math.PI * Math.min(1, done)));
        return FINAL_LEARNING_RATE_FACTOR + (1 - FINAL_LEARNING_RATE_FACTOR) * cosine;
    }

    /** The teacher's targets for each whole sequence of {@code context} tokens. */
    private static List<DistillationLoss.Targets> targets(LanguageModel teacher, int[] tokens, int context,
            double temperature, Progress progress) {
        int sequences = tokens.length / context;
        List<DistillationLoss.Targets> targets = new ArrayList<>(sequences);
        try (SequenceRunner runner = teacher.newSequence(context, QuantFormat.F32)) {
            for (int s = 0; s < sequences; s++) {
                int[] sequence = Arrays.copyOfRange(tokens, s * context, (s + 1) * context);
                runner.reset();
                targets.add(DistillationLoss.Targets.of(runner.evaluateAll(sequence), sequence, temperature));
                report(progress, "teacher logits", s + 1, sequences);
            }
        }
        return targets;
    }

    private static Map<String, GgufValue> labels(Path teacher, Options options) {
        Map<String, GgufValue> labels = new LinkedHashMap<>();
        labels.put(METADATA_PREFIX + "method", GgufValue.ofString(options.crossEntropyWeight() == 1
                ? "cross-entropy" : "logit-kl"));
        labels.put(METADATA_PREFIX + "teacher", GgufValue.ofString(String.valueOf(teacher.getFileName())));
        labels.put(METADATA_PREFIX + "temperature", GgufValue.ofFloat32((float) options.temperature()));
        labels.put(METADATA_PREFIX + "ce_weight", GgufValue.ofFloat32((float) options.crossEntropyWeight()));
        labels.put(METADATA_PREFIX + "learning_rate", GgufValue.ofFloat32((float) options.learningRate()));
        labels.put(METADATA_PREFIX + "weight_decay", GgufValue.ofFloat32((float) options.weightDecay()));
        labels.put(METADATA_PREFIX + "batch_sequences", GgufValue.ofUint32(options.batchSequences()));
        labels.put(METADATA_PREFIX + "context", GgufValue.ofUint32(options.context()));
        labels.put(METADATA_PREFIX + "training_tokens", GgufValue.ofUint32(options.trainingTokens()));
        labels.put(METADATA_PREFIX + "seed", GgufValue.ofUint64(options.trainingSeed()));
        return labels;
    }

    private static Map<String, GgufValue> withProgress(Map<String, GgufValue> labels, Trainer trainer,
            long elapsedNanos) {
        Map<String, GgufValue> all = new LinkedHashMap<>(labels);
        all.put(METADATA_PREFIX + "steps", GgufValue.ofUint64(trainer.steps()));
        all.put(METADATA_PREFIX + "tokens_seen", GgufValue.ofUint64(trainer.tokens()));
        all.put(METADATA_PREFIX + "seconds", GgufValue.ofFloat32((float) (elapsedNanos / 1e9)));
        return all;
    }

    private static void report(Progress progress, String stage, long done, long total) {
        if (progress != null) {
            progress.update(stage, done, total, "");
        }
    }

    private static void requireSameTokenizer(Tokenizer teacher, Tokenizer student) {
        if (teacher.vocabularySize() != student.vocabularySize()) {
            throw new IllegalArgumentException("the tokenizers differ: the teacher has " + teacher.vocabularySize()
                    + " tokens, the student " + student.vocabularySize() + "; distillation needs the same tokenizer");
        }
        for (int token = 0; token < teacher.vocabularySize(); token++) {
            if (!teacher.piece(token).equals(student.piece(token))) {
                throw new IllegalArgumentException("the tokenizers differ at token " + token + ": teacher '"
                        + teacher.piece(token) + "', student '" + student.piece(token)
                        + "'; distillation needs the same tokenizer");
            }
        }
    }

    /**
     * Mini-batch steps: each sequence's gradient computed on a worker (its own buffer), summed in sequence order (the
     * same steps give the same weights whatever the threads), clipped to a global norm of {@link #CLIP_NORM}, then
     * AdamW.
     */
    static final class Trainer implements AutoCloseable {

        static final double CLIP_NORM = 1.0;

        private final TrainableLlama model;
        private final DistillationLoss loss;
        private final AdamW optimizer;
        private final int batch;
        private final SplittableRandom random;
        private final ForkJoinPool pool;
        private final LlamaTensors[] gradients;
        private final LlamaTensors total;
        private int[] order = new int[0];
        private int next;
        private long tokens;

        Trainer(TrainableLlama model, DistillationLoss loss, double learningRate, double weightDecay, int batch,
                long seed, int threads) {
            this.model = model;
            this.loss = loss;
            this.optimizer = new AdamW(model.shape(), learningRate, weightDecay);
            this.batch = batch;
            this.random = new SplittableRandom(seed);
            this.pool = new ForkJoinPool(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
            this.gradients = new LlamaTensors[batch];
            for (int i = 0; i < batch; i++) {
                gradients[i] = new LlamaTensors(model.shape());
            }
            this.total = new LlamaTensors(model.shape());
        }

        long steps() {
            return optimizer.steps();
        }

        long tokens() {
            return tokens;
        }

        /**
         * One optimizer step on the next {@code batch} sequences (reshuffled each epoch) at the learning rate times
         * {@code learningRateFactor}; returns the mean loss.
         */
        double step(List<DistillationLoss.Targets> targets, double learningRateFactor) {
            int[] chosen = new int[batch];
            for (int i = 0; i < batch; i++) {
                if (next == order.length) {
                    order = shuffled(targets.size());
                    next = 0;
                }
                chosen[i] = order[next++];
            }
            double[] losses = new double[batch];
            try {
                pool.submit(() -> IntStream.range(0, batch).parallel().forEach(i -> {
                    DistillationLoss.Targets target = targets.get(chosen[i]);
                    gradients[i].clear();
                    TrainableLlama.Pass pass = model.forward(target.tokens());
                    double[] logitGradient = new double[pass.logits().length];
                    losses[i] = loss.evaluate(pass.logits(), target, 1.0 / batch, logitGradient).loss();
                    model.backward(pass, logitGradient, gradients[i]);
                })).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("training interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a training step failed", e.getCause());
            }
            total.clear();
            double sum = 0;
            for (int i = 0; i < batch; i++) {
                total.add(gradients[i]);
                sum += losses[i];
                tokens += targets.get(chosen[i]).tokens().length;
            }
            double norm = total.norm();
            if (norm > CLIP_NORM) {
                total.scale(CLIP_NORM / norm);
            }
            optimizer.step(model.parameters(), total, learningRateFactor);
            return sum / batch;
        }

        private int[] shuffled(int count) {
            int[] indices = IntStream.range(0, count).toArray();
            for (int i = count - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = indices[i];
                indices[i] = indices[j];
                indices[j] = swap;
            }
            return indices;
        }

        @Override
        public void close() {
            pool.shutdown();
        }
    }
}
