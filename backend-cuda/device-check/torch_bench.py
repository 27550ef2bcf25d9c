#!/usr/bin/env python3
"""PyTorch beside Caracal on the same GPU: Hugging Face transformers' LlamaForCausalLM with Caracal's 1B benchmark shape
(RandomModelWriter.Spec.oneBillionShape: hidden 2048, 16 layers, 32 heads of 64, 8 KV heads, FFN 8192, vocabulary
32,000, untied output, rope base 10000), random weights in bf16, set up as Hugging Face's LLM inference optimization
guide recommends: generation_config.cache_implementation = "static" and
torch.compile(model.forward, mode="reduce-overhead", fullgraph=True) (generate's own automatic compilation is
switched off so that the model is compiled once, as the guide does it).

For each batch B (1 first): B random prompts of --prompt tokens, greedy generation of exactly --decode tokens
(min_new_tokens: end of sequence ignored), through model.generate. A streamer stamps the time of each token as
generate hands it over (generate copies it to the host, so every stamp follows the GPU's work): prefill = prompt
tokens x B / (first token - prompt), decode = B x (tokens - 1) / (last token - first token). Two warm-up
generations per batch (compilation, CUDA graph capture), then --repetitions measured ones, medians reported. Should the compiled model fail, the error is reported and the
remaining measurements run eagerly (engine "pytorch-eager"). Also: the device-to-device copy bandwidth (bytes read plus
written), the ceiling that decode's bandwidth utilisation is measured against.

One JSON line per measurement, printed and appended to --json FILE, as soon as it is made (a run stopped by its time
limit keeps what it finished). Needs torch and transformers (there on the lent GPU machines); --shape small and
--device cpu --compile none make a quick check elsewhere.
"""
import argparse
import json
import statistics
import sys
import time

SHAPES = {
    # Caracal's RandomModelWriter.Spec.oneBillionShape()
    "1b": dict(hidden_size=2048, num_hidden_layers=16, num_attention_heads=32, num_key_value_heads=8, head_dim=64,
               intermediate_size=8192, vocab_size=32000, max_position_embeddings=4096),
    # RandomModelWriter.Spec.oneHundredTenMillionShape()
    "110m": dict(hidden_size=768, num_hidden_layers=12, num_attention_heads=12, num_key_value_heads=12, head_dim=64,
                 intermediate_size=2048, vocab_size=32000, max_position_embeddings=2048),
    # RandomModelWriter.Spec.small(): for a dry run
    "small": dict(hidden_size=256, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2, head_dim=64,
                  intermediate_size=768, vocab_size=512, max_position_embeddings=512),
}

JSON_FILE = None


def emit(line):
    text = json.dumps(line)
    print(text, flush=True)
    if JSON_FILE:
        with open(JSON_FILE, "a") as out:
            out.write(text + "\n")


try:  # generate takes any object with put() and end(); its own base class where there is one
    from transformers.generation.streamers import BaseStreamer as StreamerBase
except ImportError:
    StreamerBase = object


class Clock(StreamerBase):
    """A generate streamer that only stamps times: put() is called with the prompt, then with each new token."""

    def __init__(self):
        self.stamps = []

    def put(self, value):
        self.stamps.append(time.perf_counter())

    def end(self):
        pass


def copy_bandwidth(torch, device):
    """Device-to-device copy of 1 GiB, bytes read plus bytes written per second (median of 5 timings of 10)."""
    source = torch.empty(1 << 28, dtype=torch.float32, device=device).normal_()
    target = torch.empty_like(source)
    for _ in range(3):
        target.copy_(source)
    torch.cuda.synchronize()
    timings = []
    for _ in range(5):
        start = torch.cuda.Event(enable_timing=True)
        stop = torch.cuda.Event(enable_timing=True)
        start.record()
        for _ in range(10):
            target.copy_(source)
        stop.record()
        stop.synchronize()
        timings.append(start.elapsed_time(stop) / 1e3 / 10)
    seconds = statistics.median(timings)
    bytes_moved = 2 * source.numel() * source.element_size()
    del source, target
    torch.cuda.empty_cache()
    return bytes_moved / seconds


def main():
    global JSON_FILE
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", help="append JSON lines to this file")
    parser.add_argument("--shape", default="1b", choices=sorted(SHAPES))
    parser.add_argument("--batches", default="1,16")
    parser.add_argument("--prompt", type=int, default=512, help="prompt tokens (also the prefill measured)")
    parser.add_argument("--decode", type=int, default=256, help="tokens generated per sequence")
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--dtype", default="bfloat16", choices=["bfloat16", "float16", "float32"])
    parser.add_argument("--compile", default="reduce-overhead",
                        help="torch.compile mode for model.forward, or 'none' for eager")
    args = parser.parse_args()
    JSON_FILE = args.json
    if args.decode < 2 or args.prompt < 1:
        parser.error("--decode must be at least 2 and --prompt at least 1")

    import torch
    import transformers
    from transformers import LlamaConfig, LlamaForCausalLM

    device = torch.device(args.device)
    dtype = getattr(torch, args.dtype)
    environment = {"event": "torch-env", "torch": torch.__version__, "transformers": transformers.__version__,
                   "device": args.device, "shape": args.shape, "dtype": args.dtype, "compile": args.compile}
    if device.type == "cuda":
        environment["gpu"] = torch.cuda.get_device_name(device)
    emit(environment)

    if device.type == "cuda":
        emit({"event": "bandwidth", "source": "copy", "engine": "pytorch",
              "bytes_per_second": copy_bandwidth(torch, device),
              "what": "device-to-device copy of 1 GiB, bytes read plus written"})

    config = LlamaConfig(**SHAPES[args.shape], rms_norm_eps=1e-5, tie_word_embeddings=False, bos_token_id=1,
                         eos_token_id=2, pad_token_id=0)
    torch.manual_seed(0)
    previous = torch.get_default_dtype()
    try:
        torch.set_default_dtype(dtype)  # parameters made in bf16 on the GPU, not in f32 first
    except (TypeError, RuntimeError):
        pass
    try:
        with device:
            model = LlamaForCausalLM(config)
    finally:
        torch.set_default_dtype(previous)
    model = model.to(device=device, dtype=dtype).eval()
    bytes_per_step = sum(p.numel() * p.element_size() for name, p in model.named_parameters()
                         if "embed_tokens" not in name)
    weight_bytes = sum(p.numel() * p.element_size() for p in model.parameters())

    generation = model.generation_config
    generation.cache_implementation = "static"
    generation.do_sample = False
    generation.pad_token_id = 0
    eager_forward = model.forward
    engine = "pytorch"
    if args.compile != "none":
        if hasattr(generation, "disable_compile"):
            generation.disable_compile = True  # compiled once, below, as the guide does
        for limit in ("recompile_limit", "cache_size_limit"):  # one shape each: prefill and decode, per batch
            if hasattr(torch._dynamo.config, limit):
                setattr(torch._dynamo.config, limit, max(64, getattr(torch._dynamo.config, limit)))
        model.forward = torch.compile(model.forward, mode=args.compile, fullgraph=True)
    else:
        engine = "pytorch-eager"

    def generate(batch, prompt_tokens, new_tokens):
        ids = torch.randint(3, config.vocab_size, (batch, prompt_tokens), device=device)
        clock = Clock()
        if device.type == "cuda":
            torch.cuda.synchronize()
        start = time.perf_counter()
        with torch.inference_mode():
            # min_new_tokens: random weights may pick EOS; it must not end a measurement early.
            out = model.generate(input_ids=ids, attention_mask=torch.ones_like(ids), max_new_tokens=new_tokens,
                                 min_new_tokens=new_tokens, do_sample=False, streamer=clock)
        generated = out.shape[1] - prompt_tokens
        stamps = clock.stamps
        if generated != new_tokens or len(stamps) < 3:
            raise RuntimeError("generate made %d tokens (%d stamps), not %d" % (generated, len(stamps), new_tokens))
        prefill = batch * prompt_tokens / (stamps[1] - stamps[0])
        decode = batch * (len(stamps) - 2) / (stamps[-1] - stamps[1])
        return prefill, decode, stamps[1] - start

    def measure(batch):
        warmups = []
        for _ in range(2):
            t = time.perf_counter()
            generate(batch, args.prompt, args.decode)
            warmups.append(time.perf_counter() - t)
        return warmups, [generate(batch, args.prompt, args.decode) for _ in range(args.repetitions)]

    failures = 0
    for batch in [int(b) for b in args.batches.split(",") if b.strip()]:
        began = time.perf_counter()
        try:
            warmups, runs = measure(batch)
        except Exception as failure:  # report it; without compilation from here on if that was the trouble
            failures += 1
            emit({"event": "speed", "engine": engine, "backend": args.device, "format": args.dtype,
                  "batch": batch, "error": "%s: %s" % (type(failure).__name__, str(failure)[:2000])})
            if engine != "pytorch":
                continue
            engine = "pytorch-eager"
            model.forward = eager_forward
            try:
                warmups, runs = measure(batch)
            except Exception as again:
                emit({"event": "speed", "engine": engine, "backend": args.device, "format": args.dtype,
                      "batch": batch, "error": "%s: %s" % (type(again).__name__, str(again)[:2000])})
                continue
        emit({"event": "speed", "engine": engine, "backend": args.device, "format": args.dtype, "batch": batch,
              "prompt_tokens": args.prompt, "decode_tokens": args.decode,
              "prefill_tokens": args.prompt if batch == 1 else None,
              "prefill_tok_s": statistics.median(r[0] for r in runs) if batch == 1 else None,
              "prefill_tok_s_batch": statistics.median(r[0] for r in runs),
              "decode_tok_s": statistics.median(r[1] for r in runs),
              "decode_tok_s_runs": [round(r[1], 1) for r in runs],
              "ttft_s": statistics.median(r[2] for r in runs),
              "warmup_seconds": [round(w, 1) for w in warmups],
              "weight_bytes": weight_bytes, "bytes_per_step": bytes_per_step,
              "seconds": time.perf_counter() - began})
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
