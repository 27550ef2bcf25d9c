package dev.caracal.app.cli;

import dev.caracal.tools.quality.KlDivergenceEvaluation.Report;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/** {@code caracal evaluate}: how far a quantized model is from its base, like llama.cpp's {@code --kl-divergence}. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Compares CANDIDATE (a quantization) with BASE on the same tokens, as llama-perplexity --kl-divergence does:",
            "chunks of CONTEXT tokens starting with BOS, the second half of each scored. Reports both perplexities,",
            "the KL divergence, the change in the correct token's probability (Δp), how often the top token agrees,",
            "and the candidate's bits per weight per tensor type."
        })
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASE", description = "the reference model (e.g. F32 or F16)")
    Path base;

    @Parameters(index = "1", paramLabel = "CANDIDATE", description = "the model to compare with it")
    Path candidate;

    @Mixin
    CalibrationTokens tokens;

    @Mixin
    BackendSelection backendSelection;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
        tokens.check(spec, backendSelection.threads, base, candidate);
        KlDivergenceEvaluation.Run run;
        try (CountProgress progress = new CountProgress(spec.commandLine().getErr(), "chunk", !json)) {
            run = KlDivergenceEvaluation.run(base, candidate, tokens.input(), backendSelection.backendName,
                    backendSelection.threads, tokens.context, tokens.chunks,
                    progress.shown() ? (done, total) -> progress.update(done, total, "") : null);
        }
        Report report = run.report();
        List<TypeBits> bits = run.candidateBits();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> result = asMap(report, bits);
            result.put("backend", run.backend());
            result.put("threads", run.threads());
            out.println(JsonMapper.builder().build().writeValueAsString(result));
        } else {
            out.printf(Locale.ROOT, "base %s, candidate %s, backend %s, %d threads%n", base, candidate, run.backend(),
                    run.threads());
            print(out, report, bits);
        }
        out.flush();
        return 0;
    }

    private Map<String, Object> asMap(Report report, List<TypeBits> bits) {
        Summary s = report.statistics();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("base", base.toString());
        result.put("candidate", candidate.toString());
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
        out.printf(Locale.ROOT, "%-6s %3s         %,14d weights %7.3f bits/weight%n", "all", "", elements,
                bytes * 8.0 / elements);
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
