package dev.caracal.app.cli;

import dev.caracal.tools.quality.KlDivergenceEvaluation.Report;
import dev.caracal.tools.quality.KlDivergenceEvaluation.SavedBase;
import dev.caracal.tools.quality.KlDivergenceEvaluation.TypeBits;
import dev.caracal.tools.quality.KlDivergenceEvaluation;
import dev.caracal.tools.quality.KlDivergenceStatistics.Estimate;
import dev.caracal.tools.quality.KlDivergenceStatistics.Percentiles;
import dev.caracal.tools.quality.KlDivergenceStatistics.Summary;
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

/** {@code caracal evaluate}: how far a quantized model is from its base, like llama.cpp's {@code --kl-divergence}. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        customSynopsis = {
            "caracal evaluate BASE CANDIDATE (-f TEXT | --self-sample N) [OPTIONS]",
            "caracal evaluate BASE --kl-divergence-base FILE (-f TEXT | --self-sample N)",
            "caracal evaluate --kl-divergence-base FILE CANDIDATE [OPTIONS]"
        },
        description = {
            "Compares CANDIDATE (a quantization) with BASE on the same tokens, as llama-perplexity --kl-divergence"
                + " does: chunks of CONTEXT tokens starting with BOS, the second half of each scored. Reports both"
                + " perplexities, the KL divergence, the change in the correct token's probability (Δp), how often"
                + " the top token agrees, and the candidate's bits per weight per tensor type.",
            "With one model and --kl-divergence-base FILE: given tokens (-f or --self-sample), writes BASE's"
                + " log-probabilities at the scored positions to FILE and prints BASE's perplexity, as"
                + " llama-perplexity -f TEXT --kl-divergence-base FILE does; given none, compares CANDIDATE with the"
                + " log-probabilities in FILE on the file's tokens and chunks, as llama-perplexity --kl-divergence-base"
                + " FILE --kl-divergence does. FILE is llama.cpp's format: each program reads what the other writes."
        })
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "MODEL",
            description = "BASE and CANDIDATE; or, with --kl-divergence-base, BASE (to write FILE) or CANDIDATE")
    List<Path> models;

    @Option(names = "--kl-divergence-base", paramLabel = "FILE",
            description = "llama.cpp's file of base log-probabilities: written from BASE with -f or --self-sample,"
                    + " else read to compare CANDIDATE with")
    Path klDivergenceBase;

    @Mixin
    CalibrationTokens tokens;

    @Mixin
    BackendSelection backendSelection;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (models.size() == 2) {
            if (klDivergenceBase != null) {
                throw new ParameterException(spec.commandLine(), "--kl-divergence-base takes one model: BASE to"
                        + " write FILE (with -f or --self-sample), or CANDIDATE to compare with FILE");
            }
            return compareModels(models.get(0), models.get(1));
        }
        if (klDivergenceBase == null) {
            throw new ParameterException(spec.commandLine(),
                    "give BASE and CANDIDATE, or one model with --kl-divergence-base FILE");
        }
        return tokens.given() ? saveBase(models.getFirst()) : compareWithFile(models.getFirst());
    }

    private int compareModels(Path base, Path candidate) throws Exception {
        tokens.check(spec, backendSelection.threads, base, candidate);
        KlDivergenceEvaluation.Run run;
        try (CountProgress progress = new CountProgress(spec.commandLine().getErr(), "chunk", !json)) {
            run = KlDivergenceEvaluation.run(base, candidate, tokens.input(), backendSelection.backendName,
                    backendSelection.threads, tokens.context, tokens.chunks,
                    progress.shown() ? (done, total) -> progress.update(done, total, "") : null);
        }
        printReport(run, "base " + base, base.toString(), candidate);
        return 0;
    }

    private int compareWithFile(Path candidate) throws Exception {
        tokens.checkCounts(spec, backendSelection.threads);
        CalibrationTokens.requireFile(klDivergenceBase);
        CalibrationTokens.requireFile(candidate);
        KlDivergenceEvaluation.Run run;
        try (CountProgress progress = new CountProgress(spec.commandLine().getErr(), "chunk", !json)) {
            run = KlDivergenceEvaluation.runAgainstBase(klDivergenceBase, candidate, backendSelection.backendName,
                    backendSelection.threads, tokens.contextGiven(spec) ? tokens.context : 0, tokens.chunks,
                    progress.shown() ? (done, total) -> progress.update(done, total, "") : null);
        }
        printReport(run, "base log-probabilities " + klDivergenceBase, klDivergenceBase.toString(), candidate);
        return 0;
    }

    private int saveBase(Path base) throws Exception {
        tokens.check(spec, backendSelection.threads, base);
        KlDivergenceEvaluation.SaveRun run;
        try (CountProgress progress = new CountProgress(spec.commandLine().getErr(), "chunk", !json)) {
            run = KlDivergenceEvaluation.saveBase(base, klDivergenceBase, tokens.input(),
                    backendSelection.backendName, backendSelection.threads, tokens.context, tokens.chunks,
                    progress.shown() ? (done, total) -> progress.update(done, total, "") : null);
        }
        SavedBase saved = run.saved();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("base", base.toString());
            result.put("kl_divergence_base", klDivergenceBase.toString());
            result.put("tokens", saved.tokens());
            result.put("context", saved.context());
            result.put("chunks", saved.chunks());
            result.put("positions", saved.positions());
            putEstimate(result, "ppl", saved.perplexity());
            result.put("bytes", saved.bytes());
            result.put("backend", run.backend());
            result.put("threads", run.threads());
            out.println(JsonMapper.builder().build().writeValueAsString(result));
        } else {
            out.printf(Locale.ROOT, "base %s, backend %s, %d threads%n", base, run.backend(), run.threads());
            out.printf(Locale.ROOT, "%d tokens, %d chunks of %d, %d scored positions%n%n", saved.tokens(),
                    saved.chunks(), saved.context(), saved.positions());
            out.printf(Locale.ROOT, "Final estimate: PPL = %.6f ± %.6f%n", saved.perplexity().value(),
                    saved.perplexity().error());
            out.printf(Locale.ROOT, "wrote the log-probabilities of %d positions to %s (%,d bytes)%n",
                    saved.positions(), klDivergenceBase, saved.bytes());
        }
        out.flush();
        return 0;
    }

    private void printReport(KlDivergenceEvaluation.Run run, String baseDescription, String baseName,
            Path candidate) {
        Report report = run.report();
        List<TypeBits> bits = run.candidateBits();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> result = asMap(report, bits, baseName, candidate.toString());
            result.put("backend", run.backend());
            result.put("threads", run.threads());
            out.println(JsonMapper.builder().build().writeValueAsString(result));
        } else {
            out.printf(Locale.ROOT, "%s, candidate %s, backend %s, %d threads%n", baseDescription, candidate,
                    run.backend(), run.threads());
            print(out, report, bits);
        }
        out.flush();
    }

    private static Map<String, Object> asMap(Report report, List<TypeBits> bits, String base, String candidate) {
        Summary s = report.statistics();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("base", base);
        result.put("candidate", candidate);
        result.put("tokens", report.tokens());
        result.put("context", report.context());
        result.put("chunks", report.chunks());
        result.put("positions", s.positions());
        putEstimate(result, "ppl_candidate", s.perplexityCandidate());
        putEstimate(result, "ppl_base", s.perplexityBase());
        result.put("ln_ppl_correlation", finite(s.logPerplexityCorrelation()));
        putEstimate(result, "ln_ppl_ratio", s.logPerplexityRatio());
        putEstimate(result, "ppl_ratio", s.perplexityRatio());
        putEstimate(result, "ppl_difference", s.perplexityDifference());
        putEstimate(result, "kld_mean", s.kld());
        putPercentiles(result, "kld", s.kldPercentiles());
        putEstimate(result, "delta_p_mean", s.deltaP());
        putPercentiles(result, "delta_p", s.deltaPPercentiles());
        putEstimate(result, "delta_p_rms", s.deltaPRms());
        putEstimate(result, "same_top", s.sameTop());
        List<Map<String, Object>> types = new ArrayList<>();
        for (TypeBits type : bits) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", type.format().name());
            entry.put("tensors", type.tensors());
            entry.put("elements", type.elements());
            entry.put("bytes", type.bytes());
            entry.put("bits_per_weight", type.bitsPerWeight());
            types.add(entry);
        }
        result.put("bits_per_weight", types);
        result.put("base_tokens_per_second", finite(report.baseSpeed()));
        result.put("candidate_tokens_per_second", finite(report.candidateSpeed()));
        return result;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static void putEstimate(Map<String, Object> result, String name, Estimate estimate) {
        result.put(name, estimate.value());
        result.put(name + "_error", estimate.error());
    }

    private static void putPercentiles(Map<String, Object> result, String name, Percentiles p) {
        result.put(name + "_max", p.maximum());
        result.put(name + "_p99_9", p.p99_9());
        result.put(name + "_p99", p.p99());
        result.put(name + "_p95", p.p95());
        result.put(name + "_p90", p.p90());
        result.put(name + "_p75", p.p75());
        result.put(name + "_median", p.median());
        result.put(name + "_p25", p.p25());
        result.put(name + "_p10", p.p10());
        result.put(name + "_p5", p.p5());
        result.put(name + "_p1", p.p1());
        result.put(name + "_p0_1", p.p0_1());
        result.put(name + "_min", p.minimum());
    }

    private void print(PrintWriter out, Report report, List<TypeBits> bits) {
        Summary s = report.statistics();
        out.printf(Locale.ROOT, "%d tokens, %d chunks of %d, %d scored positions%n%n", report.tokens(),
                report.chunks(), report.context(), s.positions());
        out.println("====== Perplexity statistics ======");
        out.printf(Locale.ROOT, "Mean PPL(Q)                   : %10.6f ± %10.6f%n", s.perplexityCandidate().value(),
                s.perplexityCandidate().error());
        out.printf(Locale.ROOT, "Mean PPL(base)                : %10.6f ± %10.6f%n", s.perplexityBase().value(),
                s.perplexityBase().error());
        out.printf(Locale.ROOT, "Cor(ln(PPL(Q)), ln(PPL(base))): %6.2f%%%n", 100 * s.logPerplexityCorrelation());
        out.printf(Locale.ROOT, "Mean ln(PPL(Q)/PPL(base))     : %10.6f ± %10.6f%n", s.logPerplexityRatio().value(),
                s.logPerplexityRatio().error());
        out.printf(Locale.ROOT, "Mean PPL(Q)/PPL(base)         : %10.6f ± %10.6f%n", s.perplexityRatio().value(),
                s.perplexityRatio().error());
        out.printf(Locale.ROOT, "Mean PPL(Q)-PPL(base)         : %10.6f ± %10.6f%n%n",
                s.perplexityDifference().value(), s.perplexityDifference().error());
        out.println("====== KL divergence statistics ======");
        out.printf(Locale.ROOT, "Mean    KLD: %10.6f ± %10.6f%n", s.kld().value(), s.kld().error());
        printPercentiles(out, "KLD", s.kldPercentiles(), 1, "%10.6f");
        out.println();
        out.println("====== Token probability statistics ======");
        out.printf(Locale.ROOT, "Mean    Δp: %6.3f ± %5.3f %%%n", 100 * s.deltaP().value(), 100 * s.deltaP().error());
        printPercentiles(out, "Δp", s.deltaPPercentiles(), 100, "%6.3f%%");
        out.printf(Locale.ROOT, "RMS Δp    : %6.3f ± %5.3f %%%n", 100 * s.deltaPRms().value(),
                100 * s.deltaPRms().error());
        out.printf(Locale.ROOT, "Same top p: %6.3f ± %5.3f %%%n%n", 100 * s.sameTop().value(),
                100 * s.sameTop().error());
        out.println("====== Candidate bits per weight ======");
        long elements = 0;
        long bytes = 0;
        for (TypeBits type : bits) {
            out.printf(Locale.ROOT, "%-6s %3d tensors %,14d weights %7.3f bits/weight%n", type.format().name(),
                    type.tensors(), type.elements(), type.bitsPerWeight());
            elements += type.elements();
            bytes += type.bytes();
        }
        out.printf(Locale.ROOT, "%-6s %3s         %,14d weights %7.3f bits/weight%n%n", "all", "", elements,
                bytes * 8.0 / elements);
        out.println("====== Speed (chunks evaluated whole, as prompts) ======");
        if (Double.isFinite(report.baseSpeed())) {
            out.printf(Locale.ROOT, "base     : %10.1f tokens/s%n", report.baseSpeed());
        }
        out.printf(Locale.ROOT, "candidate: %10.1f tokens/s%n", report.candidateSpeed());
    }

    private static void printPercentiles(PrintWriter out, String name, Percentiles p, double scale, String format) {
        Object[][] rows = {
            {"Maximum", p.maximum()}, {"99.9%  ", p.p99_9()}, {"99.0%  ", p.p99()}, {"95.0%  ", p.p95()},
            {"90.0%  ", p.p90()}, {"75.0%  ", p.p75()}, {"Median ", p.median()}, {"25.0%  ", p.p25()},
            {"10.0%  ", p.p10()}, {" 5.0%  ", p.p5()}, {" 1.0%  ", p.p1()}, {" 0.1%  ", p.p0_1()},
            {"Minimum", p.minimum()},
        };
        for (Object[] row : rows) {
            out.printf(Locale.ROOT, "%s %s: " + format + "%n", row[0], name, scale * (double) row[1]);
        }
    }
}
