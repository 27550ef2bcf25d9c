package dev.caracal.backend.cuda.devicecheck;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.backend.cuda.devicecheck.DeviceCheck.Json;
import dev.caracal.backend.cuda.devicecheck.DeviceCheck.Options;
import dev.caracal.formats.random.RandomModelWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code models --dir D --shape 1b --formats Q4_0,Q8_0,F16}: writes {@code D/random-<shape>-<format>.gguf} with
 * {@link RandomModelWriter} (the writer of {@code caracal random-model}), all formats at once. A 1B model is 0.7 to
 * 2.5 GB, too big to carry, so the device machine writes its own (seeded: the same bytes everywhere). A file already
 * there with the size it had is kept, so a second run on a warm machine skips the work.
 */
final class Models {

    private Models() {
    }

    static int run(Options options, Json json) throws Exception {
        Path directory = options.path("dir", null);
        if (directory == null) {
            throw new IllegalArgumentException("--dir is required");
        }
        String shape = options.text("shape", "1b").toLowerCase(Locale.ROOT);
        List<String> formats = options.list("formats", "Q4_0,Q8_0,F16");
        Files.createDirectories(directory);
        int failures = 0;
        try (ExecutorService writers = Executors.newFixedThreadPool(formats.size())) {
            List<Future<String>> done = new ArrayList<>();
            for (String format : formats) {
                done.add(writers.submit(() -> write(directory, shape, QuantFormat.valueOf(format), json)));
            }
            for (int i = 0; i < done.size(); i++) {
                try {
                    System.out.println(done.get(i).get());
                } catch (java.util.concurrent.ExecutionException failure) {
                    failures++;
                    String message = DeviceCheck.describe(failure.getCause());
                    System.out.println("model " + formats.get(i) + " FAILED: " + message);
                    json.emit(Json.object("event", "model", "shape", shape, "format", formats.get(i), "error",
                            message));
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /** The file {@code models} writes for {@code shape} and {@code format}. */
    static Path file(Path directory, String shape, String format) {
        return directory.resolve("random-" + shape + "-" + format.toLowerCase(Locale.ROOT) + ".gguf");
    }

    static RandomModelWriter.Spec spec(String shape) {
        return switch (shape) {
            case "1b" -> RandomModelWriter.Spec.oneBillionShape();
            case "110m" -> RandomModelWriter.Spec.oneHundredTenMillionShape();
            case "medium" -> RandomModelWriter.Spec.medium();
            case "small" -> RandomModelWriter.Spec.small();
            default -> throw new IllegalArgumentException("unknown shape " + shape + "; use 1b, 110m, medium or small");
        };
    }

    private static String write(Path directory, String shape, QuantFormat format, Json json) throws Exception {
        Path target = file(directory, shape, format.name());
        RandomModelWriter.Spec spec = spec(shape).withFormats(format, Optional.empty())
                .withName("random-" + shape + "-" + format.name().toLowerCase(Locale.ROOT));
        Path stamp = target.resolveSibling(target.getFileName() + ".size");
        long start = System.nanoTime();
        boolean kept = Files.isRegularFile(target) && Files.isRegularFile(stamp)
                && Files.readString(stamp).trim().equals(Long.toString(Files.size(target)));
        if (!kept) {
            Files.deleteIfExists(stamp);
            RandomModelWriter.write(spec, target);
            Files.writeString(stamp, Long.toString(Files.size(target)));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        json.emit(Json.object("event", "model", "shape", shape, "format", format.name(), "path", target.toString(),
                "bytes", Files.size(target), "seconds", seconds, "kept", kept));
        return String.format(Locale.ROOT, "model %s: %s, %,d bytes, %s in %.1f s", format, target, Files.size(target),
                kept ? "kept" : "written", seconds);
    }
}
