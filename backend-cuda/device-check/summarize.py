#!/usr/bin/env python3
"""The device check's report: reads the JSON lines the steps appended (results.jsonl) and the JUnit XML report, and
prints markdown: the GPU, each step's exit code, the tests, the agreement checks, the speed table with memory-bandwidth
utilisation, and the issue's targets. Standard library only.

Bandwidth utilisation of a decode row = bytes_per_step x (decode tok/s / batch) / peak bandwidth, where bytes_per_step
is what one decode step must read (every weight but the token embedding; KV cache reads, a few percent here, are not
counted). Two peaks: the device-to-device copy PyTorch measured (bytes read plus written; what the issue's targets mean
by measured bandwidth) and the theoretical one from the driver (2 x memory clock x bus width). When neither is known the
H100 SXM's nominal 3.35 TB/s stands in, and the report says so.
"""
import argparse
import glob
import json
import os
import sys
import xml.etree.ElementTree as ElementTree

NOMINAL_H100_SXM = 3.35e12


def load(path):
    lines = []
    if not os.path.exists(path):
        return lines
    with open(path) as source:
        for number, text in enumerate(source, 1):
            text = text.strip()
            if not text:
                continue
            try:
                lines.append(json.loads(text))
            except ValueError:
                lines.append({"event": "unreadable", "line": number, "text": text[:200]})
    return lines


def number(value, digits=1):
    if value is None:
        return "—"
    if isinstance(value, float) and value != value:
        return "—"
    return "{:,.{}f}".format(value, digits)


def size(value):
    if not value:
        return "—"
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if value >= scale:
            return "%.2f %s" % (value / scale, unit)
    return "%d B" % value


def percent(value):
    return "—" if value is None else "{:.0f}%".format(100 * value)


def heading(say, title):
    say("")
    say("## " + title)
    say("")


def junit_counts(directory):
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    failed = []
    files = sorted(glob.glob(os.path.join(directory, "*.xml"))) if directory else []
    for path in files:
        try:
            root = ElementTree.parse(path).getroot()
        except ElementTree.ParseError:
            continue
        suites = [root] if root.tag == "testsuite" else root.iter("testsuite")
        for suite in suites:
            for key in totals:
                totals[key] += int(suite.get(key, 0) or 0)
            for case in suite.iter("testcase"):
                if case.find("failure") is not None or case.find("error") is not None:
                    failed.append("%s.%s" % (case.get("classname", "?"), case.get("name", "?")))
    return (totals, failed) if files else (None, failed)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", help="results.jsonl")
    parser.add_argument("--junit", help="folder of the JUnit XML reports")
    parser.add_argument("--out", help="also write the report here")
    parser.add_argument("--suite", default="cuda", choices=("cuda", "xla"),
                        help="whose targets to grade: issue 20's (cuda) or issue 21's (xla)")
    args = parser.parse_args()
    lines = load(args.results)
    out = []
    say = out.append

    say("# Caracal device check")
    say("")
    gpus = [l for l in lines if l.get("event") == "gpu"]
    gpu = gpus[-1] if gpus else {}
    if gpu.get("name"):
        say("GPU: %s, %s multiprocessors, %.1f GiB, compute capability %s, driver's CUDA %s." % (
            gpu["name"], gpu.get("multiprocessors"), gpu.get("memory_bytes", 0) / 2 ** 30,
            gpu.get("compute_capability"), gpu.get("driver_cuda_version")))
    else:
        say("GPU: none found (%s)." % gpu.get("error", "no gpu line"))
    env = [l for l in lines if l.get("event") == "torch-env"]
    if env:
        say("PyTorch %s, transformers %s." % (env[-1].get("torch"), env[-1].get("transformers")))
    for probe in (l for l in lines if l.get("event") == "probe"):
        say("Backend `%s`: available=%s%s." % (probe.get("backend"), probe.get("available"),
                                              "" if probe.get("available") else " (" + probe.get("reasons", "") + ")"))

    for info in (l for l in lines if l.get("event") == "backend-info"):
        details = ", ".join("%s=%s" % (key[len("detail."):], value) for key, value in info.items()
                            if key.startswith("detail."))
        say("Opened `%s` on %s for %s%s in %.1f s%s." % (
            info.get("backend"), info.get("device", "?"), info.get("format"),
            " (%s)" % info["variant"] if info.get("variant") else "", info.get("load_seconds") or 0,
            ": " + details if details else ""))

    measured = [l["bytes_per_second"] for l in lines if l.get("event") == "bandwidth" and l.get("bytes_per_second")]
    copy_peak = measured[-1] if measured else None
    theory_peak = gpu.get("theoretical_bandwidth_bytes_s")
    say("")
    say("Peak memory bandwidth: measured copy %s; theoretical %s%s." % (
        "%.2f TB/s (PyTorch, device-to-device, read + write)" % (copy_peak / 1e12) if copy_peak else "not measured",
        "%.2f TB/s (driver: 2 × %d MHz × %d bits)" % (theory_peak / 1e12, gpu["memory_clock_khz"] / 1000,
                                                     gpu["memory_bus_bits"]) if theory_peak else "unknown",
        "" if copy_peak or theory_peak else "; utilisation below is against the H100 SXM's nominal 3.35 TB/s"))
    fallback_peak = None if copy_peak or theory_peak else NOMINAL_H100_SXM

    # Steps.
    say("")
    say("## Steps")
    say("")
    say("| step | exit code | seconds | limit |")
    say("| --- | --- | --- | --- |")
    for step in (l for l in lines if l.get("event") == "step"):
        rc = step.get("rc")
        note = " (timed out)" if rc in (124, 137) else ""
        if rc is None:
            rc, note = "skipped", ": " + step.get("skipped", "")
        say("| %s | %s%s | %s | %s |" % (step.get("name"), rc, note, number(step.get("seconds"), 0),
                                        step.get("limit", "—")))

    # Tests.
    totals, failed = junit_counts(args.junit)
    say("")
    say("## Tests (%s, JUnit console launcher)" % ("backend-tpu-xla" if args.suite == "xla" else "backend-cuda"))
    say("")
    if totals is None:
        say("No JUnit report found.")
    else:
        say("%(tests)d tests: %(failures)d failed, %(errors)d errors, %(skipped)d skipped." % totals)
        for name in failed[:20]:
            say("- failed: `%s`" % name)

    # Agreement.
    say("")
    say("## Greedy agreement (stories260K, and the benchmark models)")
    say("")
    agreement = [l for l in lines if l.get("event") == "agreement"]
    if not agreement:
        say("No agreement results.")
    for line in agreement:
        if "error" in line:
            say("- %s, %s: FAILED: %s" % (line.get("model"), line.get("backend"), line["error"]))
        elif line.get("check") == "llama.cpp text":
            say("- %s, %s: llama.cpp's greedy text for \"Once upon a time\": %s" % (
                line.get("model"), line.get("backend"), "yes" if line.get("pass") else "NO"))
        elif line.get("check", "").startswith("greedy vs"):
            say("- %s, prompt %s, %s %s: %s over %s tokens%s; logits on the same prefix: max |diff| %.3g,"
                " max rel. L2 %.3g" % (line.get("model"), line.get("prompt"), line.get("backend"), line.get("check"),
                                         line.get("verdict"), line.get("tokens"), "" if line.get("first_difference", -1) < 0
                   else " (first difference at %s)" % line["first_difference"],
                   line.get("max_abs_logit_diff") or 0, line.get("max_rel_l2_logits") or 0))
        elif line.get("check") == "engine batch vs alone":
            say("- %s, %s: the engine's batch gave the single-sequence tokens for %s of %s prompts (reported, not"
                " graded)" % (line.get("model"), line.get("backend"), line.get("identical"), line.get("prompts")))

    # Speed.
    speed = [l for l in lines if l.get("event") == "speed"]
    say("")
    say("## Speed")
    say("")
    first = next((l for l in speed if l.get("decode_tokens") and "error" not in l), None)
    if first:
        say("Decode: B streams of a %s-token random prompt, each generating %s tokens, greedy; tokens/s of all streams"
            " together once every stream has its first token. Prefill: one %s-token prompt. `caracal` runs through the"
            " engine, `caracal-seq` one sequence without it (llama-bench's pp/tg), `pytorch` is transformers'"
            " generate, static cache, torch.compile reduce-overhead, bf16." % (
                first.get("prompt_tokens"), first.get("decode_tokens"), first.get("prefill_tokens") or 512))
    say("")
    say("| engine | backend | format | batch | prefill tok/s | decode tok/s | bytes/step | BW util (copy) |"
        " BW util (theoretical) |")
    say("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for line in speed:
        if "error" in line:
            say("| %s | %s | %s | %s | FAILED: %s | | | | |" % (line.get("engine"), line.get("backend"),
                                                               line.get("format"), line.get("batch", "—"),
                                                               line["error"][:160].replace("|", "/")))
            continue
        rate = line.get("decode_tok_s")
        per_step = line.get("bytes_per_step")
        batch = line.get("batch") or 1

        def utilisation(peak):
            if not peak or not rate or not per_step:
                return None
            return per_step * rate / batch / peak

        copy_util = utilisation(copy_peak or fallback_peak)
        say("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            line.get("engine") + (" (%s)" % line["variant"] if line.get("variant") else ""), line.get("backend"), line.get("format"), batch, number(line.get("prefill_tok_s")),
            number(rate), size(per_step),
            percent(copy_util) + (" (nominal)" if fallback_peak and copy_util is not None else ""),
            percent(utilisation(theory_peak))))

    # Targets.
    def find(engine, fmt, batch, backend=None, variant=None):
        for line in reversed(speed):
            if line.get("engine") == engine and line.get("format") == fmt and line.get("batch") == batch \
                    and (backend is None or line.get("backend") == backend) \
                    and line.get("variant") == variant and "error" not in line:
                return line
        return None

    sampling_lines = [l for l in lines if l.get("event") == "sampling" and "error" not in l]
    if sampling_lines:
        heading(say, "Sampling: logits to the host")
        say("The engine reads each step's logits rows back and samples on the host. Per step: the rows' trip from the"
            " backend's memory (after the step ran), the engine's sampler on one row, and their share of the time"
            " between tokens measured above.")
        say("")
        say("| backend | format | batch | read rows µs | sample µs/row (greedy / top-p) | share of a decode step |")
        say("| --- | --- | --- | --- | --- | --- |")
        for line in sampling_lines:
            for key in sorted((k for k in line if k.startswith("read_us_batch_")), key=lambda k: int(k.split("_")[-1])):
                batch = int(key.split("_")[-1])
                step_line = find("caracal", line.get("format"), batch, line.get("backend"))
                share = None
                if step_line and step_line.get("inter_token_ms"):
                    share = (line[key] + batch * line.get("sample_us_top_p", 0)) / 1e3 / step_line["inter_token_ms"]
                say("| %s | %s | %d | %s | %s / %s | %s |" % (
                    line.get("backend"), line.get("format"), batch, number(line[key]),
                    number(line.get("sample_us_greedy")), number(line.get("sample_us_top_p")), percent(share)))

    own = [l for l in speed if l.get("variant") == "own kernels" and "error" not in l]
    if own:
        heading(say, "Prefill: cuBLAS on dequantized tiles against our own kernels")
        say("One sequence, %s-token prompt (median); the default multiplies batches of caracal.cuda.gemm-rows rows or"
            " more through cuBLAS (F16 tiles, F32 accumulation), `own kernels` sets it to 0." % (
                own[0].get("prefill_tokens")))
        say("")
        say("| format | cuBLAS tok/s | own kernels tok/s | cuBLAS ÷ own |")
        say("| --- | --- | --- | --- |")
        for line in own:
            default = find("caracal-seq", line.get("format"), 1, line.get("backend"))
            ratio = None
            if default and default.get("prefill_tok_s") and line.get("prefill_tok_s"):
                ratio = default["prefill_tok_s"] / line["prefill_tok_s"]
            say("| %s | %s | %s | %s |" % (line.get("format"), number(default and default.get("prefill_tok_s")),
                                          number(line.get("prefill_tok_s")),
                                          "—" if ratio is None else "%.2f ×" % ratio))

    compiles = [l for l in lines if l.get("event") == "compile"]
    phases = [l for l in lines if l.get("event") == "compile-phase"]
    if phases:
        heading(say, "Compilations (per shape bucket)")
        say("| backend | format | phase | bucket | ms |")
        say("| --- | --- | --- | --- | --- |")
        for line in compiles:
            say("| %s | %s | %s | %s | %s |" % (line.get("backend"), line.get("format"), line.get("phase"),
                                               line.get("bucket"), number(line.get("milliseconds"), 0)))
        say("")
        say("Per phase: " + "; ".join("%s %s: %s compiled (%s ms), %s in all" % (
            l.get("format"), l.get("phase"), l.get("compiled"), number(l.get("milliseconds"), 0), l.get("programs"))
            for l in phases) + ".")

    torch_one = find("pytorch", "bfloat16", 1) or find("pytorch-eager", "bfloat16", 1)
    peak = copy_peak or theory_peak or fallback_peak
    peak_name = "measured copy" if copy_peak else ("theoretical" if theory_peak else "nominal 3.35 TB/s")
    if args.suite == "xla":
        xla_targets(say, lines, speed, find, phases)
        return finish(args, out, lines)
    say("")
    say("## Targets (issue 20, on an H100)")
    say("")
    say("| target | format | value | verdict |")
    say("| --- | --- | --- | --- |")

    def verdict(value, threshold, line):
        if value is None:
            return "n/a"
        if line and line.get("backend") != "cuda":
            return "n/a (backend %s, not cuda)" % line.get("backend")
        return "PASS" if value >= threshold else "FAIL"

    formats = []
    for line in speed:
        if line.get("engine") == "caracal" and line.get("format") not in formats:
            formats.append(line.get("format"))
    for fmt in formats:
        mine = find("caracal", fmt, 1)
        util = None
        if mine and mine.get("decode_tok_s") and mine.get("bytes_per_step") and peak:
            util = mine["bytes_per_step"] * mine["decode_tok_s"] / peak
        graded = fmt in ("Q4_0", "F16")
        say("| decode batch 1 ≥ 60%% of %s bandwidth%s | %s | %s | %s |" % (
            peak_name, "" if graded else " (not a target for this format)", fmt, percent(util),
            verdict(util, 0.6, mine) if graded else "—"))
    for fmt in formats:
        mine = find("caracal", fmt, 1)
        ratio = None
        if mine and torch_one and mine.get("decode_tok_s") and torch_one.get("decode_tok_s"):
            ratio = mine["decode_tok_s"] / torch_one["decode_tok_s"]
        say("| decode batch 1 ≥ 1.5 × PyTorch bf16 | %s | %s | %s |" % (
            fmt, "—" if ratio is None else "%.2f ×" % ratio, verdict(ratio, 1.5, mine)))
    for fmt in formats:
        mine = find("caracal", fmt, 1)
        ratio = None
        if mine and torch_one and mine.get("prefill_tok_s") and torch_one.get("prefill_tok_s"):
            ratio = mine["prefill_tok_s"] / torch_one["prefill_tok_s"]
        say("| prefill 512 ≥ 50%% of PyTorch bf16 | %s | %s | %s |" % (
            fmt, "—" if ratio is None else "%.0f%%" % (100 * ratio), verdict(ratio, 0.5, mine)))

    return finish(args, out, lines)


def xla_targets(say, lines, speed, find, phases):
    """Issue 21's targets: greedy stories260K as the CPU's, decode per token within 2x (batch 1) and 1.5x (batch 16)
    of the CUDA backend's, compile time per bucket reported, nothing compiled when the same load is served again."""
    heading(say, "Targets (issue 21, through JAX's CUDA plugin)")
    say("| target | format | value | verdict |")
    say("| --- | --- | --- | --- |")
    greedy = [l for l in lines if l.get("event") == "agreement" and l.get("backend") == "xla"
              and str(l.get("check", "")).startswith("greedy vs") and "stories260K" in str(l.get("model"))]
    if greedy:
        identical = sum(1 for l in greedy if l.get("verdict") == "identical")
        say("| greedy stories260K identical to the CPU backend's | — | %d of %d prompts | %s |" % (
            identical, len(greedy), "PASS" if identical == len(greedy) else "FAIL"))
    else:
        say("| greedy stories260K identical to the CPU backend's | — | — | n/a (no xla agreement line) |")
    formats = []
    for line in speed:
        if line.get("backend") == "xla" and line.get("format") not in formats:
            formats.append(line.get("format"))
    for fmt in formats:
        for batch, bound in ((1, 2.0), (16, 1.5)):
            xla = find("caracal", fmt, batch, "xla")
            cuda = find("caracal", fmt, batch, "cuda")
            ratio = None
            if xla and cuda and xla.get("decode_tok_s") and cuda.get("decode_tok_s"):
                ratio = cuda["decode_tok_s"] / xla["decode_tok_s"]  # time per token, xla over cuda
            say("| decode batch %d time per token ≤ %.1f × the CUDA backend's | %s | %s | %s |" % (
                batch, bound, fmt, "—" if ratio is None else "%.2f ×" % ratio,
                "n/a" if ratio is None else ("PASS" if ratio <= bound else "FAIL")))
    xla_phases = [l for l in phases if l.get("backend") == "xla"]
    if xla_phases:
        compiled = [l for l in lines if l.get("event") == "compile" and l.get("backend") == "xla"]
        slowest = max((l.get("milliseconds") or 0 for l in compiled), default=0)
        say("| compile time per shape bucket reported | — | %d buckets, slowest %s ms | %s |" % (
            len(compiled), number(slowest, 0), "PASS" if compiled else "FAIL"))
        last = xla_phases[-1]
        repeated = sum(1 for l in xla_phases if (l.get("format"), l.get("phase")) ==
                       (last.get("format"), last.get("phase"))) > 1
        say("| no recompilation in steady serving (the first load served again) | — | %s compiled in the last phase"
            " (%s) | %s |" % (last.get("compiled"), last.get("phase"),
                              ("PASS" if last.get("compiled") == 0 else "FAIL") if repeated else "n/a (no repeat)"))
    else:
        say("| compile time per shape bucket reported | — | — | n/a (no compilations reported) |")


def finish(args, out, lines):
    say = out.append
    models = [l for l in lines if l.get("event") == "model"]
    if models:
        say("")
        say("Models: " + "; ".join("%s %s" % (m.get("format"), "FAILED: " + m["error"] if "error" in m else
                                              "%s in %.0f s%s" % (size(m.get("bytes", 0)), m.get("seconds", 0),
                                                                       " (kept)" if m.get("kept") else ""))
                                   for m in models) + ".")
    unreadable = [l for l in lines if l.get("event") == "unreadable"]
    if unreadable:
        say("")
        say("%d unreadable lines in %s (first: line %s)." % (len(unreadable), args.results, unreadable[0]["line"]))

    text = "\n".join(out) + "\n"
    sys.stdout.write(text)
    if args.out:
        with open(args.out, "w") as target:
            target.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
