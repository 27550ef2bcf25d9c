package dev.caracal.app.inspect;

import dev.caracal.formats.ModelConfig;
import dev.caracal.formats.ModelDescription;
import dev.caracal.formats.ModelFiles;
import dev.caracal.formats.ModelFormatException;
import dev.caracal.formats.OpenModel;
import dev.caracal.formats.TensorView;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufModelReader;
import dev.caracal.formats.gguf.GgufTensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model file holds, as {@code caracal inspect --json} prints it and the admin API returns it: path, container,
 * architecture summary, parameter count, tensor bytes, metadata and the tensor table.
 */
public final class ModelInspection {

    private ModelInspection() {
    }

    /**
     * What a model directory listing shows of a file: its format, size, architecture, parameters and quantization
     * (the weight type holding the most bytes).
     *
     * @param path         the file or directory
     * @param format       {@code gguf} or {@code safetensors}
     * @param bytes        on disk (a directory: its files together)
     * @param architecture the architecture's name
     * @param parameters   the number of weights
     * @param quantization the type of most of the weight bytes ({@code Q4_0}, {@code F16}, ...)
     */
    public record Summary(Path path, String format, long bytes, String architecture, long parameters,
            String quantization) {
    }

    /** The {@link Summary} of a model file or directory (reading its header only). */
    @SuppressWarnings("unchecked")
    public static Summary summary(Path path) throws IOException {
        Map<String, Object> report = report(path);
        Map<String, Long> bytesByType = new LinkedHashMap<>();
        for (Map<String, Object> tensor : (List<Map<String, Object>>) report.get("tensors")) {
            bytesByType.merge((String) tensor.get("type"), (Long) tensor.get("bytes"), Long::sum);
        }
        String quantization = bytesByType.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey).orElse("none");
        long bytes;
        try (var files = Files.walk(path)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
        Map<String, Object> architecture = (Map<String, Object>) report.get("architecture");
        return new Summary(path, ModelFiles.isGguf(path) ? "gguf" : "safetensors", bytes,
                String.valueOf(architecture.get("name")), (Long) report.get("parameterCount"), quantization);
    }

    /**
     * The report of the GGUF file, {@code .safetensors} file or Hugging Face model directory at {@code path}.
     *
     * @throws ModelFormatException when it is missing or malformed (naming the file and what is wrong)
     * @throws IOException          when it cannot be read
     */
    public static Map<String, Object> report(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new ModelFormatException(path.toString(), ModelFormatException.NO_OFFSET, "no such file or directory");
        }
        if (ModelFiles.isGguf(path)) {
            try (GgufFile file = GgufFile.open(path)) {
                return report(path, file);
            }
        }
        try (OpenModel model = ModelFiles.open(path)) {
            ModelDescription description = model.description();
            return report(path, model.containerFormat(), model.metadata(), description.tensors(),
                    architecture(description.config()));
        }
    }

    /** Any GGUF file, model or not (a vocabulary-only file has metadata and no weights). */
    private static Map<String, Object> report(Path path, GgufFile file) {
        List<TensorView> tensors = new ArrayList<>();
        for (GgufTensorInfo tensor : file.tensors()) {
            tensors.add(new TensorView(tensor.name(), tensor.shape(), tensor.format(), file.tensorData(tensor)));
        }
        Map<String, Object> architecture;
        try {
            architecture = architecture(GgufModelReader.describe(file).config());
        } catch (ModelFormatException notAModel) {
            architecture = new LinkedHashMap<>();
            architecture.put("name", file.metadata().findString("general.architecture").orElse("unknown"));
            architecture.put("unavailable", notAModel.getMessage());
        }
        return report(path, "GGUF v" + file.version() + " (alignment " + file.alignment() + ", tensor data at byte "
                + file.dataStart() + ")", ModelFiles.describeMetadata(file), tensors, architecture);
    }

    private static Map<String, Object> report(Path path, String container, Map<String, String> metadata, List<TensorView> tensorViews,
            Map<String, Object> architecture) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("path", path.toString());
        report.put("container", container);
        report.put("architecture", architecture);
        long parameters = 0;
        for (TensorView tensor : tensorViews) {
            parameters += tensor.elementCount();
        }
        report.put("parameterCount", parameters);
        long bytes = 0;
        List<Map<String, Object>> tensors = new ArrayList<>();
        for (TensorView tensor : tensorViews) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", tensor.name());
            row.put("shape", tensor.shape());
            row.put("type", tensor.format().name());
            row.put("bytes", tensor.data().byteSize());
            bytes += tensor.data().byteSize();
            tensors.add(row);
        }
        report.put("tensorBytes", bytes);
        report.put("metadata", metadata);
        report.put("tensors", tensors);
        return report;
    }

    private static Map<String, Object> architecture(ModelConfig config) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", config.architecture());
        summary.put("layers", config.blockCount());
        summary.put("embeddingLength", config.embeddingLength());
        summary.put("feedForwardLength", config.feedForwardLength());
        summary.put("heads", config.headCount());
        summary.put("kvHeads", config.headCountKv());
        summary.put("headSize", config.keyLength());
        summary.put("vocabularySize", config.vocabularySize());
        summary.put("contextLength", config.contextLength());
        summary.put("ropeFrequencyBase", config.ropeFrequencyBase());
        summary.put("ropeDimensions", config.ropeDimensionCount());
        config.ropeScaling().ifPresent(scaling -> summary.put("ropeScaling", Map.of(
                "type", "llama3",
                "factor", scaling.factor(),
                "lowFrequencyFactor", scaling.lowFrequencyFactor(),
                "highFrequencyFactor", scaling.highFrequencyFactor(),
                "originalContextLength", scaling.originalContextLength())));
        summary.put("rmsNormEpsilon", config.rmsNormEpsilon());
        summary.put("tiedEmbeddings", config.tiedEmbeddings());
        return summary;
    }

}
