package dev.caracal.app.cli;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.formats.quantize.GgufQuantizer.Options;
import dev.caracal.formats.quantize.GgufQuantizer.Result;
import dev.caracal.formats.quantize.GgufQuantizer.TensorResult;
import dev.caracal.formats.quantize.GgufQuantizer;
import dev.caracal.formats.quantize.ImportanceMatrixFile;
import dev.caracal.formats.quantize.QuantizationType;
import dev.caracal.formats.quantize.TensorTypeOverride;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code caracal quantize}: writes a quantized copy of an F32, F16 or BF16 GGUF model, or a Hugging Face model directory
 * converted to GGUF, like llama-quantize.
 */
@Command(
        name = "quantize",
        mixinStandardHelpOptions = true,
        description = {
            "Writes OUT, a copy of IN (an F32, F16 or BF16 GGUF, or a Hugging Face model directory) with its weight"
                + " matrices in TYPE, choosing formats as"
                + " llama-quantize does: output.weight Q6_K, and for Q4_K_M/Q5_K_M attn_v and ffn_down Q6_K on the"
                + " first and last eighth of the layers and every third between; for IQ4_NL ffn_down Q5_K on the"
                + " first eighth (without --imatrix) and attn_v Q5_K where 4 or more query heads share a KV head."
                + " 1-D tensors stay as they are; a matrix whose rows are not whole blocks of its format falls back"
                + " to one that fits, and each fallback is reported. With --imatrix, matrices with an entry are"
                + " quantized to minimize the error weighted by their columns' importance (Q4_0, Q4_1, Q5_0, Q5_1,"
                + " IQ4_NL, Q2_K-Q6_K; Q8_0 and the float types ignore it), as llama-quantize --imatrix does;"
                + " matrices without one are listed.",
            "A Hugging Face directory (config.json, model.safetensors or shards with model.safetensors.index.json,"
                + " tokenizer.json, optionally tokenizer_config.json; Llama, Mistral, Qwen2 and Qwen3, F32, F16 or"
                + " BF16 weights) is converted as llama.cpp's convert_hf_to_gguf.py does: GGUF tensor names, Q/K rows"
                + " in GGUF's rotary layout, 1-D tensors in F32, the hyperparameters from config.json, the vocabulary"
                + " from tokenizer.json (SentencePiece-style as 'llama', byte-level BPE as 'gpt2'), BOS/EOS, add_bos"
                + " and the chat template from tokenizer_config.json.",
            "TYPE: F32, F16, BF16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q2_K, Q3_K, Q4_K, Q5_K, Q6_K, Q4_K_M, Q5_K_M,"
                + " IQ4_NL."
        })
final class QuantizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN",
            description = "the F32, F16 or BF16 GGUF model, or a Hugging Face model directory")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "the GGUF file to write")
    Path output;

    @Parameters(index = "2", paramLabel = "TYPE", description = "the format or mix, e.g. Q4_0, Q8_0, Q4_K_M")
    String type;

    @Option(names = "--tensor-type", paramLabel = "PATTERN=TYPE",
            description = "tensors whose name matches the regular expression PATTERN get TYPE (the last match wins),"
                    + " e.g. ffn_down=Q8_0; may be repeated")
    List<String> tensorTypes = new ArrayList<>();

    @Option(names = "--pure", description = "every matrix gets TYPE's format: no output or per-layer rules")
    boolean pure;

    @Option(names = "--imatrix", paramLabel = "FILE",
            description = "an importance matrix (caracal imatrix or llama-imatrix output, GGUF or legacy .dat)")
    Path imatrix;

    @Option(names = "--json", description = "print one JSON object instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
        QuantizationType chosen = QuantizationType.find(type).orElseThrow(() -> new ParameterException(
                spec.commandLine(), "unknown TYPE '" + type + "'; use one of " + QuantizationType.names()));
        List<TensorTypeOverride> overrides = new ArrayList<>();
        for (String rule : tensorTypes) {
            try {
                overrides.add(TensorTypeOverride.parse(rule));
            } catch (IllegalArgumentException bad) {
                throw new ParameterException(spec.commandLine(), bad.getMessage());
            }
        }
        ImportanceMatrixFile importance = imatrix == null ? null : ImportanceMatrixFile.read(imatrix);
        long start = System.nanoTime();
        Result result;
        try (CountProgress progress = new CountProgress(spec.commandLine().getErr(), "tensor", !json)) {
            result = GgufQuantizer.quantize(input, output, new Options(chosen, overrides, pure, importance),
                    progress.shown() ? (done, total, name) -> progress.update(done, total, name) : null);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonMapper.builder().build().writeValueAsString(asMap(result, seconds)));
        } else {
            print(out, result, seconds);
        }
        out.flush();
        return 0;
    }

    private void print(PrintWriter out, Result result, double seconds) {
        for (TensorResult fallback : result.fallbacks()) {
            out.printf(Locale.ROOT, "fallback: %s [%s] rows of %d are not whole %s blocks of %d; wrote %s%n",
                    fallback.name(), shape(fallback.dimensions()), fallback.dimensions()[0], fallback.wanted(),
                    fallback.wanted().blockSize(), fallback.written());
        }
        ImportanceMatrixFile importance = result.options().importanceMatrix();
        if (importance != null) {
            for (TensorResult missing : result.importanceMissing()) {
                out.printf(Locale.ROOT, "imatrix: no entry for %s; quantized without importance%n", missing.name());
            }
        }
        out.printf(Locale.ROOT, "wrote %s (%s, file type %d) from %s in %.1f s%n", output, result.options().type(),
                result.options().type().llamaFileType(), input, seconds);
        if (importance != null) {
            out.printf(Locale.ROOT, "imatrix: %s (%d entries, used for %d tensors)%n", imatrix,
                    importance.entries().size(), result.importanceUsed().size());
        }
        for (Map.Entry<QuantFormat, long[]> entry : result.byFormat().entrySet()) {
            long[] sums = entry.getValue();
            out.printf(Locale.ROOT, "%-6s %4d tensors %,14d weights %7.3f bits/weight%n", entry.getKey(), sums[0],
                    sums[1], sums[2] * 8.0 / sums[1]);
        }
        out.printf(Locale.ROOT,
                "size   %,d -> %,d bytes of tensors (%.3f -> %.3f bits/weight), file %,d -> %,d bytes%n",
                result.sourceBytes(), result.writtenBytes(), result.sourceBytes() * 8.0 / result.elements(),
                result.writtenBytes() * 8.0 / result.elements(), result.inputFileBytes(), result.outputFileBytes());
    }

    private Map<String, Object> asMap(Result result, double seconds) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("input", input.toString());
        map.put("output", output.toString());
        map.put("type", result.options().type().name());
        map.put("file_type", result.options().type().llamaFileType());
        map.put("seconds", seconds);
        map.put("input_file_bytes", result.inputFileBytes());
        map.put("output_file_bytes", result.outputFileBytes());
        map.put("source_tensor_bytes", result.sourceBytes());
        map.put("written_tensor_bytes", result.writtenBytes());
        map.put("bits_per_weight", result.writtenBytes() * 8.0 / result.elements());
        ImportanceMatrixFile importance = result.options().importanceMatrix();
        if (importance != null) {
            Map<String, Object> imatrixMap = new LinkedHashMap<>();
            imatrixMap.put("file", imatrix.toString());
            imatrixMap.put("entries", importance.entries().size());
            imatrixMap.put("datasets", importance.datasets());
            imatrixMap.put("chunks", importance.chunkCount());
            imatrixMap.put("used", result.importanceUsed().size());
            imatrixMap.put("missing", result.importanceMissing().stream().map(TensorResult::name).toList());
            map.put("imatrix", imatrixMap);
        }
        List<Map<String, Object>> types = new ArrayList<>();
        result.byFormat().forEach((format, sums) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", format.name());
            entry.put("tensors", sums[0]);
            entry.put("elements", sums[1]);
            entry.put("bytes", sums[2]);
            entry.put("bits_per_weight", sums[2] * 8.0 / sums[1]);
            types.add(entry);
        });
        map.put("types", types);
        List<Map<String, Object>> tensors = new ArrayList<>();
        for (TensorResult tensor : result.tensors()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", tensor.name());
            entry.put("shape", tensor.dimensions());
            entry.put("source", tensor.source().name());
            entry.put("wanted", tensor.wanted().name());
            entry.put("type", tensor.written().name());
            entry.put("reason", tensor.reason().name().toLowerCase(Locale.ROOT));
            entry.put("imatrix", tensor.importance().name().toLowerCase(Locale.ROOT));
            tensors.add(entry);
        }
        map.put("tensors", tensors);
        map.put("fallbacks", result.fallbacks().stream().map(TensorResult::name).toList());
        return map;
    }

    private static String shape(long[] dimensions) {
        StringBuilder text = new StringBuilder();
        for (long dimension : dimensions) {
            text.append(text.isEmpty() ? "" : " x ").append(dimension);
        }
        return text.toString();
    }
}
