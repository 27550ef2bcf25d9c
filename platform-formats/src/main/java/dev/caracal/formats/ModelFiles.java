package dev.caracal.formats;

import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufModelReader;
import dev.caracal.formats.gguf.GgufValue;
import dev.caracal.formats.safetensors.SafetensorsModelReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Opens a model in whichever container it comes: a GGUF file or a Hugging Face safetensors model. */
public final class ModelFiles {

    /** What {@link #open} accepts, for messages. */
    static final String EXPECTED = "expected a GGUF file, a .safetensors file with config.json beside it,"
            + " or a directory with config.json and .safetensors files";

    private ModelFiles() {
    }

    /**
     * Opens the model at {@code path}: a file starting with the GGUF magic is read as GGUF; a {@code .safetensors}
     * file, or a directory with {@code config.json} and {@code .safetensors} files, as a Hugging Face model.
     *
     * @throws ModelFormatException when the path is neither, or the files are malformed
     * @throws IOException          when a file cannot be read
     */
    public static OpenModel open(Path path) throws IOException {
        String name = path.toString();
        if (Files.isDirectory(path)) {
            boolean hasConfig = Files.isRegularFile(path.resolve(SafetensorsModelReader.CONFIG_FILE));
            boolean hasSafetensors;
            try (var listing = Files.list(path)) {
                hasSafetensors = listing.anyMatch(file -> file.getFileName().toString().endsWith(".safetensors"));
            }
            if (!hasConfig || !hasSafetensors) {
                throw new ModelFormatException(name, ModelFormatException.NO_OFFSET, "a directory with "
                        + (hasConfig ? "no .safetensors files" : hasSafetensors ? "no config.json"
                        : "neither config.json nor .safetensors files") + "; " + EXPECTED);
            }
            return openSafetensors(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new ModelFormatException(name, ModelFormatException.NO_OFFSET,
                    (Files.exists(path) ? "not a regular file or directory; " : "no such file or directory; ")
                            + EXPECTED);
        }
        byte[] start = firstBytes(path);
        int read = start.length;
        if (startsWithGgufMagic(start)) {
            return openGguf(path);
        }
        if (path.getFileName().toString().endsWith(".safetensors")) {
            return openSafetensors(path);
        }
        StringBuilder bytes = new StringBuilder();
        for (int i = 0; i < read; i++) {
            bytes.append(String.format(" %02x", start[i] & 0xff));
        }
        throw new ModelFormatException(name, 0, "neither a GGUF file (it starts with"
                + (read == 0 ? " nothing" : bytes) + ", not 'GGUF') nor a .safetensors file; " + EXPECTED);
    }

    /** The tokenizer and chat-template files a Hugging Face model directory may hold (read when present). */
    private static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "tokenizer.model",
            "tokenizer_config.json");

    /**
     * Every file that opening the model at {@code path} reads (weights, tokenizer, chat template): the GGUF file
     * itself; or a Hugging Face model's {@code config.json}, index, every weight shard (as its index names them) and
     * the tokenizer and template files beside them. A caller checks each one (for example that, symbolic links
     * followed, none lies outside the directories models may come from).
     *
     * @throws ModelFormatException when the path is not a model {@link #open} accepts
     */
    public static List<Path> filesRead(Path path) throws IOException {
        if (isGguf(path)) {
            return List.of(path);
        }
        List<Path> files = new ArrayList<>(SafetensorsModelReader.weightFiles(path));
        Path directory = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        for (String name : TOKENIZER_FILES) {
            Path file = directory.resolve(name);
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                files.add(file);
            }
        }
        return files;
    }

    /** True when {@code path} is a regular file that starts with the GGUF magic. */
    public static boolean isGguf(Path path) throws IOException {
        return Files.isRegularFile(path) && startsWithGgufMagic(firstBytes(path));
    }

    /** The GGUF metadata as text, in file order (arrays abbreviated), for display. */
    public static Map<String, String> describeMetadata(GgufFile file) {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, GgufValue> entry : file.metadata().asMap().entrySet()) {
            metadata.put(entry.getKey(), entry.getValue().toString());
        }
        return metadata;
    }

    private static byte[] firstBytes(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(4);
        }
    }

    private static boolean startsWithGgufMagic(byte[] start) {
        return start.length == 4 && (start[0] & 0xff | (start[1] & 0xff) << 8 | (start[2] & 0xff) << 16
                | (start[3] & 0xff) << 24) == GgufFile.MAGIC;
    }

    private static OpenModel openGguf(Path path) throws IOException {
        GgufFile file = GgufFile.open(path);
        try {
            ModelDescription description = GgufModelReader.describe(file);
            return new OpenModel(description, "GGUF v" + file.version(), describeMetadata(file), file);
        } catch (RuntimeException | Error failure) {
            file.close();
            throw failure;
        }
    }

    private static OpenModel openSafetensors(Path path) throws IOException {
        SafetensorsModelReader reader = SafetensorsModelReader.open(path);
        return new OpenModel(reader.description(), "safetensors", reader.metadata(), reader);
    }
}
