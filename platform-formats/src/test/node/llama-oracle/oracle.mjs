// llama.cpp as an oracle: next-token distributions at every position of given token sequences, and llama.cpp's own
// greedy continuations, printed as one JSON object on stdout.
//
//   node oracle.mjs request.json
//
// request.json:
//   {
//     "model": "/path/model.gguf",
//     "threads": 1,                        // optional, default 1 (ggml threads spin: more than idle cores is slow)
//     "contextSize": 512,                  // optional, default: longest sequence rounded up, at least 64
//     "kvCacheType": "F16",                // optional: "F16" (llama.cpp's default) or "F32"
//     "flashAttention": false,             // optional, default false
//     "topK": 64,                          // optional: how many of the most probable tokens to report per position
//     "sequences": [[1, 403, 407]],        // distributions after each prefix tokens[0..i]
//     "generate": {"prompts": [[1, 403]], "tokens": 32,   // greedy continuations (temperature 0)
//                  "distribute": true}                    // then also the distributions of prompt + continuation
//   }
//
// Output: {"llamaCpp": {...}, "vocabularySize": n, "distributions": [[{"ids": [...], "probabilities": [...],
// "logits": [...], "entropy": h, "total": t, "topMass": m}, ...], ...], "generations": [[...], ...]}.
// Distributions are those of request.sequences, then (with "distribute") of each prompt + its continuation.
// Probabilities are llama.cpp's softmax of its raw logits over the whole vocabulary (greedy sampler: no temperature,
// top-k or top-p applied).
import {readFile} from "node:fs/promises";
import {getLlama, LlamaLogLevel} from "node-llama-cpp";

const request = JSON.parse(await readFile(process.argv[2], "utf8"));
const topK = request.topK ?? 64;
const threads = request.threads ?? 1;
const sequences = request.sequences ?? [];
const prompts = request.generate?.prompts ?? [];
const generateTokens = request.generate?.tokens ?? 0;
const longest = Math.max(0, ...sequences.map(s => s.length), ...prompts.map(p => p.length + generateTokens));
const contextSize = request.contextSize ?? Math.max(64, Math.ceil((longest + 1) / 64) * 64);

const llama = await getLlama({
    gpu: false,
    build: "never",
    usePrebuiltBinaries: true,
    skipDownload: true,
    progressLogs: false,
    logLevel: LlamaLogLevel.error,
    logger: (level, message) => process.stderr.write(message),
    maxThreads: threads
});
const model = await llama.loadModel({modelPath: request.model, gpuLayers: 0, useMmap: true});
// One context sequence per prompt (or sequence), decoded together in one batch per step: node-llama-cpp's per-step
// overhead exceeds a small model's compute, so batching the sequences keeps the oracle fast.
const parallel = Math.min(16, Math.max(1, sequences.length + prompts.length));
const context = await model.createContext({
    contextSize,
    batchSize: contextSize * parallel,
    sequences: parallel,
    threads,
    flashAttention: request.flashAttention ?? false,
    experimentalKvCacheKeyType: request.kvCacheType ?? "F16",
    experimentalKvCacheValueType: request.kvCacheType ?? "F16"
});
const contextSequences = Array.from({length: parallel}, () => context.getSequence());

let vocabularySize = null;

function summarize(probabilities, logits) {
    vocabularySize = probabilities.size;
    // probabilities: Map<token, p>, sorted most probable first, over the whole vocabulary
    const ids = [];
    const probs = [];
    let entropy = 0;
    let total = 0;
    for (const [token, p] of probabilities) {
        if (ids.length < topK) {
            ids.push(token);
            probs.push(p);
        }
        total += p;
        if (p > 0) {
            entropy -= p * Math.log(p);
        }
    }
    const topLogits = ids.map(token => logits?.get(token) ?? null);
    return {ids, probabilities: probs, logits: topLogits, entropy, total, topMass: probs.reduce((a, b) => a + b, 0)};
}

async function generate(sequence, prompt) {
    await sequence.clearHistory();
    const generated = [];
    let input = prompt;
    for (let step = 0; step < generateTokens; step++) {
        const results = await sequence.controlledEvaluate(input.map((token, i) =>
            i === input.length - 1 ? [token, {generateNext: {token: true, options: {temperature: 0}}}] : token));
        const token = results[input.length - 1]?.next?.token;
        if (token == null) {
            break;
        }
        generated.push(token);
        input = [token];
    }
    return generated;
}

async function distribute(sequence, tokens) {
    await sequence.clearHistory();
    const results = await sequence.controlledEvaluate(tokens.map(token => [token, {
        generateNext: {probabilities: true, logits: {filter: {tokens: [], includeTop: topK}}}
    }]));
    const positions = [];
    for (let i = 0; i < tokens.length; i++) {
        const next = results[i]?.next;
        if (next?.probabilities == null) {
            throw new Error(`no distribution for position ${i}`);
        }
        positions.push(summarize(next.probabilities, next.logits));
    }
    return positions;
}

/** Runs task(sequence, item) for every item, at most one item per context sequence at a time; results in order. */
async function inParallel(items, task) {
    const results = new Array(items.length);
    let next = 0;
    await Promise.all(contextSequences.map(async sequence => {
        while (next < items.length) {
            const index = next++;
            results[index] = await task(sequence, items[index]);
        }
    }));
    return results;
}

const generations = await inParallel(prompts, generate);
const distributed = request.generate?.distribute
    ? sequences.concat(prompts.map((prompt, i) => prompt.concat(generations[i])))
    : sequences;
const distributions = await inParallel(distributed, distribute);

const output = {
    llamaCpp: {nodeLlamaCpp: "3.22.1", buildType: llama.buildType, gpu: llama.gpu,
        flashAttention: context.flashAttention, contextSize: context.contextSize, threads},
    vocabularySize,
    distributions,
    generations
};
await context.dispose();
await model.dispose();
await llama.dispose();
process.stdout.write(JSON.stringify(output));
process.stdout.write("\n");
