package dev.caracal.app.cli;

import dev.caracal.app.inspect.ModelInspection;
import dev.caracal.formats.ModelFormatException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code caracal inspect}: what a model file holds — metadata, tensors, parameter count, architecture. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = {
            "Shows what a model file holds.",
            "Prints its metadata, its tensor table (name, shape, type, bytes), its parameter count and an",
            "architecture summary. FILE is a GGUF file, a .safetensors file with config.json beside it, or a",
            "Hugging Face model directory (config.json and *.safetensors)."
        })
final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE|DIR", description = "the model to inspect")
    Path path;

    @Option(names = "--json", description = "print one JSON document instead of text")
    boolean json;

    @Option(names = "--max-tensors", paramLabel = "N", defaultValue = "-1",
            description = "list at most N tensors in text output (default: all)")
    int maxTensors;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(path)) {
            throw new ModelFormatException(path.toString(), ModelFormatException.NO_OFFSET, "no such file or directory");
        }
        Map<String, Object> report = ModelInspection.report(path);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(report));
        } else {
            printText(report, out);
        }
        out.flush();
        return 0;
    }

    @SuppressWarnings("unchecked")
    private void printText(Map<String, Object> report, PrintWriter out) {
        Map<String, Object> architecture = (Map<String, Object>) report.get("architecture");
        out.printf("Model:        %s%n", report.get("path"));
        out.printf("Container:    %s%n", report.get("container"));
        if (architecture.containsKey("unavailable")) {
            out.printf("Architecture: %s (no model summary: %s)%n", architecture.get("name"),
                    architecture.get("unavailable"));
        } else {
            printArchitecture(architecture, out);
        }
        long parameters = (Long) report.get("parameterCount");
        out.printf("Parameters:   %,d (%s)%n", parameters, humanCount(parameters));
        out.printf("Tensor data:  %,d bytes%n", (Long) report.get("tensorBytes"));

        Map<String, String> metadata = (Map<String, String>) report.get("metadata");
        out.printf("%nMetadata (%d keys):%n", metadata.size());
        int keyWidth = metadata.keySet().stream().mapToInt(String::length).max().orElse(0);
        metadata.forEach((key, value) -> out.printf("  %-" + keyWidth + "s = %s%n", key, value));

        List<Map<String, Object>> tensors = (List<Map<String, Object>>) report.get("tensors");
        out.printf("%nTensors (%d):%n", tensors.size());
        int nameWidth = Math.max(4, tensors.stream().mapToInt(row -> ((String) row.get("name")).length()).max()
                .orElse(0));
        out.printf("  %-" + nameWidth + "s  %-22s  %-5s  %14s%n", "name", "shape", "type", "bytes");
        int shown = maxTensors < 0 ? tensors.size() : Math.min(maxTensors, tensors.size());
        for (Map<String, Object> row : tensors.subList(0, shown)) {
            out.printf("  %-" + nameWidth + "s  %-22s  %-5s  %,14d%n", row.get("name"),
                    java.util.Arrays.toString((long[]) row.get("shape")), row.get("type"), (Long) row.get("bytes"));
        }
        if (shown < tensors.size()) {
            out.printf("  … %d more (--max-tensors to show more)%n", tensors.size() - shown);
        }
    }

    private static void printArchitecture(Map<String, Object> architecture, PrintWriter out) {
        out.printf("Architecture: %s, %s layers, embedding %s, FFN %s, %s heads (%s KV, head size %s),"
                        + " vocabulary %s, context %s%n",
                architecture.get("name"), architecture.get("layers"), architecture.get("embeddingLength"),
                architecture.get("feedForwardLength"), architecture.get("heads"), architecture.get("kvHeads"),
                architecture.get("headSize"), architecture.get("vocabularySize"), architecture.get("contextLength"));
        out.printf("              RoPE base %s over %s dimensions%s, RMSNorm eps %s, %s embeddings%n",
                architecture.get("ropeFrequencyBase"), architecture.get("ropeDimensions"),
                architecture.containsKey("ropeScaling") ? " (scaled " + architecture.get("ropeScaling") + ")" : "",
                architecture.get("rmsNormEpsilon"),
                Boolean.TRUE.equals(architecture.get("tiedEmbeddings")) ? "tied" : "untied");
    }

    private static String humanCount(long count) {
        if (count >= 1_000_000_000L) {
            return String.format("%.2f B", count / 1e9);
        }
        if (count >= 1_000_000L) {
            return String.format("%.2f M", count / 1e6);
        }
        return String.format("%.1f K", count / 1e3);
    }
}
