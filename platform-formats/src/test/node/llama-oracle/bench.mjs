// llama.cpp's speed through node-llama-cpp's prebuilt CPU binaries, measured as llama-bench does: prompt processing
// of P random tokens in one batch, then generation of N tokens one at a time (greedy) after a one-token prompt.
// Prints one JSON object on stdout.
//
//   node bench.mjs MODEL.gguf THREADS P N VOCABULARY
//
// Output: {"promptTokensPerSecond": x, "generationTokensPerSecond": y, "systemInfo": "...", "cpuLibrary": "..."}.
// Generation speed is (N - 1) tokens over the time from the first generated token to the last, so the one-token
// prompt's evaluation is not counted; the model load is never counted.
import {getLlama, LlamaLogLevel} from "node-llama-cpp";

const [modelPath, threadsText, promptText, generateText, vocabularyText] = process.argv.slice(2);
const threads = Number(threadsText);
const promptTokens = Number(promptText);
const generateTokens = Number(generateText);

let cpuLibrary = null;
const llama = await getLlama({
    gpu: false,
    build: "never",
    usePrebuiltBinaries: true,
    skipDownload: true,
    progressLogs: false,
    logLevel: LlamaLogLevel.debug,
    // ggml names the CPU variant it loads (for example libggml-cpu-zen4.so) in a debug line.
    logger: (level, message) => {
        const match = /libggml-cpu-[\w-]+\.so/.exec(message);
        if (match && cpuLibrary === null && /load|score|register/i.test(message)) {
            cpuLibrary = match[0];
        }
    },
    maxThreads: threads
});
const model = await llama.loadModel({modelPath, gpuLayers: 0, useMmap: true});
const context = await model.createContext({
    contextSize: Math.ceil((promptTokens + generateTokens + 16) / 256) * 256,
    batchSize: Math.max(512, promptTokens),
    sequences: 1,
    threads
});
const sequence = context.getSequence();
const firstToken = model.tokens.bos ?? 1;

// Prompt processing: random ids below the vocabulary size, as llama-bench uses.
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const size = Number(vocabularyText);
const prompt = Array.from({length: promptTokens}, () => 1 + Math.floor(random() * (size - 1)));
let start = performance.now();
await sequence.evaluateWithoutGeneratingNewTokens(prompt);
const promptSeconds = (performance.now() - start) / 1000;
await sequence.clearHistory();

// Generation: greedy, EOS ignored by counting tokens ourselves.
let first = null;
let last = null;
let count = 0;
for await (const token of sequence.evaluate([firstToken], {temperature: 0})) {
    last = performance.now();
    if (first === null) {
        first = last;
    }
    count++;
    if (count >= generateTokens) {
        break;
    }
}
const result = {
    promptTokensPerSecond: promptTokens / promptSeconds,
    generationTokensPerSecond: count > 1 ? (count - 1) / ((last - first) / 1000) : null,
    generatedTokens: count,
    systemInfo: llama.systemInfo,
    cpuLibrary
};
process.stdout.write(JSON.stringify(result) + "\n");
await context.dispose();
await model.dispose();
await llama.dispose();
