package dev.caracal.formats;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.BiFunction;

/** Memory-maps a whole model file read-only, for the readers that parse it in place. */
public final class MappedFile {

    private MappedFile() {
    }

    /**
     * Maps {@code path} into a new shared arena and hands the arena and the read-only contents to {@code parser}; if
     * the parser throws, the mapping is released before the exception propagates.
     *
     * @throws ModelFormatException when {@code path} is not a regular file
     */
    public static <T> T open(Path path, BiFunction<Arena, MemorySegment, T> parser) throws IOException {
        String fileName = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new ModelFormatException(fileName, ModelFormatException.NO_OFFSET,
                    Files.exists(path) ? "not a regular file" : "no such file");
        }
        Arena arena = Arena.ofShared();
        try {
            MemorySegment contents;
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                long size = channel.size();
                contents = size == 0
                        ? MemorySegment.NULL.reinterpret(0)
                        : channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            }
            return parser.apply(arena, contents.asReadOnly());
        } catch (RuntimeException | IOException | Error failure) {
            arena.close();
            throw failure;
        }
    }
}
