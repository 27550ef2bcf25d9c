package dev.caracal.formats.safetensors;

import dev.caracal.formats.ModelConfig;
import dev.caracal.formats.ModelDescription;
import dev.caracal.formats.ModelFormatException;
import dev.caracal.formats.TensorView;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Hugging Face model (safetensors weights plus {@code config.json}) into the {@link ModelDescription} the GGUF
 * reader gives for the same weights: llama.cpp's tensor names, GGUF's rotary row layout, a {@link ModelConfig}.
 *
 * <p>Accepts a model directory ({@code config.json} with {@code model.safetensors}, or shards listed in
 * {@code model.safetensors.index.json}, or else every {@code *.safetensors} file in it) or one {@code .safetensors}
 * file with {@code config.json} beside it. Tensors stay zero-copy views of the mapped files, except Llama and Mistral
 * query and key projections, whose rows are permuted ({@link LlamaQueryKeyPermutation}) into memory this reader owns.
 * Everything lives until {@link #close()}.
 */
public final class SafetensorsModelReader implements AutoCloseable {

    /** The shard index a sharded checkpoint has. */
    public static final String INDEX_FILE = "model.safetensors.index.json";
    /** The single-file checkpoint's name. */
    public static final String SINGLE_FILE = "model.safetensors";
    /** The hyperparameters' file. */
    public static final String CONFIG_FILE = "config.json";

    private static final Pattern SHARD_NAME = Pattern.compile(".+-[0-9]+-of-[0-9]+\\.safetensors");

    private final List<SafetensorsFile> files;
    private final Arena arena;
    private final ModelDescription description;
    private final Map<String, String> metadata;

    private SafetensorsModelReader(List<SafetensorsFile> files, Arena arena, ModelDescription description,
            Map<String, String> metadata) {
        this.files = files;
        this.arena = arena;
        this.description = description;
        this.metadata = metadata;
    }

    /**
     * Opens the model at {@code path}: a directory, or a {@code .safetensors} file with {@code config.json} beside it.
     *
     * @throws ModelFormatException when a file is missing, malformed, or describes a model Caracal cannot read
     * @throws IOException          when a file cannot be read
     */
    public static SafetensorsModelReader open(Path path) throws IOException {
        Layout layout = Layout.of(path);
        HuggingFaceConfig config = HuggingFaceConfig.read(layout.config);
        List<SafetensorsFile> files = new ArrayList<>();
        Arena arena = Arena.ofShared();
        try {
            for (Path shard : layout.shards) {
                files.add(SafetensorsFile.open(shard));
            }
            Map<String, Located> tensors = collect(files);
            if (layout.weightMap != null) {
                checkWeightMap(layout, files, tensors);
            }
            ModelDescription description = describe(path.toString(), config, tensors, arena);
            Map<String, String> metadata = new LinkedHashMap<>();
            for (SafetensorsFile file : files) {
                file.metadata().forEach(metadata::putIfAbsent);
            }
            config.topLevel().forEach(metadata::putIfAbsent);
            return new SafetensorsModelReader(List.copyOf(files), arena, description,
                    Collections.unmodifiableMap(metadata));
        } catch (RuntimeException | IOException | Error failure) {
            arena.close();
            for (SafetensorsFile file : files) {
                file.close();
            }
            throw failure;
        }
    }

    /** The model: hyperparameters and weights under GGUF names, in GGUF order. */
    public ModelDescription description() {
        return description;
    }

    /** Each file's {@code __metadata__} entries, then {@code config.json}'s top-level keys rendered as text. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The safetensors files read, in shard order. */
    public List<SafetensorsFile> files() {
        return files;
    }

    /** Frees the permuted copies and unmaps the files; the description's tensors must not be used afterwards. */
    @Override
    public void close() {
        arena.close();
        for (SafetensorsFile file : files) {
            file.close();
        }
    }

    /** A tensor entry and the file that holds it. */
    private record Located(SafetensorsFile file, SafetensorsTensorInfo info) {
    }

    /** Every tensor of every shard by Hugging Face name, failing when two shards hold the same name. */
    private static Map<String, Located> collect(List<SafetensorsFile> files) {
        Map<String, Located> tensors = new LinkedHashMap<>();
        for (SafetensorsFile file : files) {
            for (SafetensorsTensorInfo info : file.tensors()) {
                Located earlier = tensors.putIfAbsent(info.name(), new Located(file, info));
                if (earlier != null) {
                    throw new ModelFormatException(file.fileName(), info.headerOffset(), "tensor " + info.name()
                            + " is also in " + earlier.file.fileName());
                }
            }
        }
        return tensors;
    }

    /** Each tensor the index names must be in the shard it names. */
    private static void checkWeightMap(Layout layout, List<SafetensorsFile> files, Map<String, Located> tensors) {
        Map<String, SafetensorsFile> byShardName = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            byShardName.put(layout.shards.get(i).getFileName().toString(), files.get(i));
        }
        for (Map.Entry<String, String> entry : layout.weightMap.entrySet()) {
            SafetensorsFile shard = byShardName.get(entry.getValue());
            Located found = tensors.get(entry.getKey());
            if (found == null || found.file != shard) {
                throw new ModelFormatException(layout.index.toString(), ModelFormatException.NO_OFFSET,
                        "weight_map puts tensor " + entry.getKey() + " in " + entry.getValue() + ", but "
                                + (found == null ? "no shard has it" : "it is in " + found.file.fileName()));
            }
        }
    }

    private static ModelDescription describe(String source, HuggingFaceConfig config, Map<String, Located> tensors,
            Arena arena) {
        Located embedding = tensors.get("model.embed_tokens.weight");
        if (embedding == null) {
            throw new ModelFormatException(source, ModelFormatException.NO_OFFSET,
                    "no model.embed_tokens.weight tensor (the token embedding)");
        }
        long[] embeddingShape = embedding.info.shape();
        if (embeddingShape.length != 2 || embeddingShape[0] == 0 || embeddingShape[0] > Integer.MAX_VALUE) {
            throw new ModelFormatException(embedding.file.fileName(), embedding.info.headerOffset(),
                    "model.embed_tokens.weight has shape " + Arrays.toString(embeddingShape)
                            + "; it must be [vocabulary, hidden size]");
        }
        int vocabulary = (int) embeddingShape[0];
        if (config.vocabularySize().isPresent() && config.vocabularySize().getAsInt() != vocabulary) {
            throw new ModelFormatException(source, ModelFormatException.NO_OFFSET, "config.json says vocab_size "
                    + config.vocabularySize().getAsInt() + " but model.embed_tokens.weight has " + vocabulary
                    + " rows");
        }
        // Tied when config.json says so (Hugging Face then ignores any lm_head.weight) or when there is no lm_head.
        boolean tied = config.tieWordEmbeddings() || !tensors.containsKey("lm_head.weight");
        Map<String, TensorView> views = new HashMap<>();
        Map<String, String> sourceNames = new HashMap<>();
        for (Located tensor : tensors.values()) {
            String name = tensor.info.name();
            if (tied && name.equals("lm_head.weight")) {
                continue;
            }
            String ggufName = HuggingFaceTensorNames.toGguf(name);
            String earlier = sourceNames.putIfAbsent(ggufName, name);
            if (earlier != null) {
                throw new ModelFormatException(tensor.file.fileName(), tensor.info.headerOffset(), "tensors "
                        + earlier + " and " + name + " would both be named " + ggufName);
            }
            views.put(ggufName, new TensorView(ggufName, tensor.info.shape(), tensor.info.format(),
                    data(tensor, config, arena)));
        }
        List<String> order = new ArrayList<>(views.keySet());
        order.sort(HuggingFaceTensorNames.GGUF_ORDER);
        List<TensorView> ordered = new ArrayList<>(order.size());
        for (String name : order) {
            ordered.add(views.get(name));
        }
        return new ModelDescription(source, config.modelConfig(vocabulary, tied), ordered);
    }

    /** The tensor's bytes in GGUF layout: a view of the file, or for Llama Q and K a permuted copy. */
    private static MemorySegment data(Located tensor, HuggingFaceConfig config, Arena arena) {
        MemorySegment view = tensor.file.tensorData(tensor.info);
        String name = tensor.info.name();
        int headCount;
        if (config.permuteQueryKey() && HuggingFaceTensorNames.isQueryProjection(name)) {
            headCount = config.headCount();
        } else if (config.permuteQueryKey() && HuggingFaceTensorNames.isKeyProjection(name)) {
            headCount = config.headCountKv();
        } else {
            return view;
        }
        long[] shape = tensor.info.shape();
        // q_proj: [heads × head size, hidden]; k_proj: [kv heads × head size, hidden]; biases [rows].
        long rows = shape.length == 0 ? 0 : shape[0];
        if (!LlamaQueryKeyPermutation.canPermute(rows, headCount)) {
            throw new ModelFormatException(tensor.file.fileName(), tensor.info.headerOffset(), "tensor " + name
                    + " has shape " + Arrays.toString(shape) + ", whose " + rows
                    + " rows do not split into " + headCount + " heads of an even number of rows");
        }
        MemorySegment permuted = arena.allocate(view.byteSize(), 64);
        LlamaQueryKeyPermutation.toGguf(view, permuted, rows, headCount);
        return permuted.asReadOnly();
    }

    /**
     * Where a model's files are.
     *
     * @param config    config.json
     * @param shards    the safetensors files, in order
     * @param index     the shard index, or null
     * @param weightMap the index's tensor → shard file name, or null
     */
    /**
     * The files a Hugging Face model at {@code path} (a directory or one {@code .safetensors} file) is read from:
     * {@code config.json}, the index when there is one, and every weight file (each shard the index names).
     *
     * @throws ModelFormatException when the path is not such a model
     */
    public static List<Path> weightFiles(Path path) throws IOException {
        Layout layout = Layout.of(path);
        List<Path> files = new ArrayList<>();
        files.add(layout.config());
        if (layout.index() != null) {
            files.add(layout.index());
        }
        files.addAll(layout.shards());
        return files;
    }

    private record Layout(Path config, List<Path> shards, Path index, Map<String, String> weightMap) {

        static Layout of(Path path) throws IOException {
            String expected = "expected a model directory (config.json with *.safetensors files) or a .safetensors"
                    + " file with config.json beside it";
            if (Files.isDirectory(path)) {
                return ofDirectory(path, null);
            }
            if (!Files.isRegularFile(path)) {
                throw new ModelFormatException(path.toString(), ModelFormatException.NO_OFFSET,
                        (Files.exists(path) ? "not a regular file or directory; " : "no such file; ") + expected);
            }
            String name = path.getFileName().toString();
            if (!name.endsWith(".safetensors")) {
                throw new ModelFormatException(path.toString(), ModelFormatException.NO_OFFSET,
                        "not a .safetensors file; " + expected);
            }
            Path directory = path.toAbsolutePath().getParent();
            if (SHARD_NAME.matcher(name).matches() && Files.isRegularFile(directory.resolve(INDEX_FILE))) {
                // One shard of a sharded checkpoint: read them all.
                return ofDirectory(directory, path);
            }
            return new Layout(config(directory), List.of(path), null, null);
        }

        private static Layout ofDirectory(Path directory, Path requestedShard) throws IOException {
            Path config = config(directory);
            Path index = directory.resolve(INDEX_FILE);
            if (Files.isRegularFile(index)) {
                Map<String, String> weightMap = readWeightMap(index);
                Set<String> shardNames = new LinkedHashSet<>(weightMap.values());
                List<Path> shards = new ArrayList<>();
                for (String shardName : shardNames) {
                    Path shard = directory.resolve(shardName);
                    if (!Files.isRegularFile(shard)) {
                        throw new ModelFormatException(index.toString(), ModelFormatException.NO_OFFSET,
                                "weight_map names shard " + shardName + ", which is not in " + directory);
                    }
                    shards.add(shard);
                }
                if (requestedShard != null && !shardNames.contains(requestedShard.getFileName().toString())) {
                    throw new ModelFormatException(index.toString(), ModelFormatException.NO_OFFSET,
                            "weight_map does not name " + requestedShard.getFileName());
                }
                return new Layout(config, List.copyOf(shards), index, weightMap);
            }
            Path single = directory.resolve(SINGLE_FILE);
            if (Files.isRegularFile(single)) {
                return new Layout(config, List.of(single), null, null);
            }
            List<Path> shards;
            try (Stream<Path> listing = Files.list(directory)) {
                shards = listing.filter(file -> file.getFileName().toString().endsWith(".safetensors"))
                        .filter(Files::isRegularFile)
                        .sorted()
                        .toList();
            }
            if (shards.isEmpty()) {
                throw new ModelFormatException(directory.toString(), ModelFormatException.NO_OFFSET,
                        "no .safetensors files (expected " + SINGLE_FILE + " or shards listed in " + INDEX_FILE + ")");
            }
            return new Layout(config, shards, null, null);
        }

        private static Path config(Path directory) {
            Path config = directory.resolve(CONFIG_FILE);
            if (!Files.isRegularFile(config)) {
                throw new ModelFormatException(directory.toString(), ModelFormatException.NO_OFFSET,
                        "no " + CONFIG_FILE + " (Caracal reads the hyperparameters from it)");
            }
            return config;
        }

        /** The index's weight_map: tensor name → shard file name, which must be a plain name in the directory. */
        private static Map<String, String> readWeightMap(Path index) throws IOException {
            JsonNode root = HuggingFaceConfig.readJson(index);
            JsonNode weightMap = root.get("weight_map");
            if (weightMap == null || !weightMap.isObject()) {
                throw new ModelFormatException(index.toString(), ModelFormatException.NO_OFFSET,
                        "no weight_map object (tensor name → shard file)");
            }
            Map<String, String> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : weightMap.properties()) {
                JsonNode shard = entry.getValue();
                String shardName = shard.isString() ? shard.stringValue() : null;
                if (shardName == null || shardName.isEmpty() || shardName.contains("/") || shardName.contains("\\")
                        || shardName.equals(".") || shardName.equals("..")) {
                    throw new ModelFormatException(index.toString(), ModelFormatException.NO_OFFSET,
                            "weight_map entry " + entry.getKey() + " is " + HuggingFaceConfig.abbreviate(
                                    shard.toString()) + "; it must be a file name in the model directory");
                }
                map.put(entry.getKey(), shardName);
            }
            if (map.isEmpty()) {
                throw new ModelFormatException(index.toString(), ModelFormatException.NO_OFFSET,
                        "weight_map is empty");
            }
            return Collections.unmodifiableMap(map);
        }
    }
}
