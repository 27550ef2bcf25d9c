package dev.caracal.backend.cuda.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The architecture NVRTC compiles for, and the CUBIN cache: a hit skips the compiler, a changed source, architecture
 * or compiler version misses, entries appear whole (no temporary file left), a corrupt entry is compiled again, and a
 * cache that cannot be written leaves the CUBIN in memory.
 */
class KernelCompilerTest {

    private static final String SOURCE = "extern \"C\" __global__ void fill() {}";

    @TempDir
    Path folder;

    /** Compilations, as "architecture: source". */
    private final List<String> compilations = new CopyOnWriteArrayList<>();

    private KernelCompiler compiler(String version, Optional<Path> cache) {
        return new KernelCompiler((source, fileName, options) -> {
            String architecture = options.getFirst().replace("--gpu-architecture=", "");
            compilations.add(architecture + ": " + source);
            return ("CUBIN " + architecture + " " + source).getBytes(StandardCharsets.UTF_8);
        }, version, cache);
    }

    @Test
    void theArchitectureIsArchitectureSpecificOnHopperAndBlackwellDatacenterParts() {
        assertThat(KernelCompiler.architecture(7, 5)).isEqualTo("sm_75");
        assertThat(KernelCompiler.architecture(8, 0)).isEqualTo("sm_80");
        assertThat(KernelCompiler.architecture(8, 9)).isEqualTo("sm_89");
        assertThat(KernelCompiler.architecture(9, 0)).isEqualTo("sm_90a");
        assertThat(KernelCompiler.architecture(10, 0)).isEqualTo("sm_100a");
        assertThat(KernelCompiler.architecture(12, 0)).isEqualTo("sm_120");
        assertThat(KernelCompiler.options("sm_90a")).containsExactly("--gpu-architecture=sm_90a", "-std=c++17",
                "-lineinfo").doesNotContain("--use_fast_math");
    }

    @Test
    void theCacheFolderComesFromTheEnvironment() {
        assertThat(KernelCompiler.cacheDirectory(Map.of("CARACAL_CUDA_CACHE", "/tmp/cubins", "XDG_CACHE_HOME", "/x"),
                "/home/a")).isEqualTo(Path.of("/tmp/cubins"));
        assertThat(KernelCompiler.cacheDirectory(Map.of("XDG_CACHE_HOME", "/x"), "/home/a"))
                .isEqualTo(Path.of("/x/caracal/cuda"));
        assertThat(KernelCompiler.cacheDirectory(Map.of(), "/home/a"))
                .isEqualTo(Path.of("/home/a/.cache/caracal/cuda"));
    }

    @Test
    void aSecondCompileOfTheSameSourceIsACacheHit() throws IOException {
        Path cache = folder.resolve("cache");
        byte[] first = compiler("13.0", Optional.of(cache)).compile(SOURCE, "caracal_kernels.cu", "sm_90a");
        byte[] second = compiler("13.0", Optional.of(cache)).compile(SOURCE, "caracal_kernels.cu", "sm_90a");
        assertThat(second).isEqualTo(first);
        assertThat(compilations).hasSize(1);
        try (Stream<Path> files = Files.list(cache)) {
            assertThat(files.map(file -> file.getFileName().toString()).toList()).singleElement()
                    .asString().matches("caracal_kernels-[0-9a-f]{64}\\.cubin");
        }
    }

    @Test
    void aChangedSourceArchitectureOrCompilerMisses() {
        Optional<Path> cache = Optional.of(folder);
        compiler("13.0", cache).compile(SOURCE, "k.cu", "sm_90a");
        compiler("13.0", cache).compile(SOURCE + " ", "k.cu", "sm_90a");
        compiler("13.0", cache).compile(SOURCE, "k.cu", "sm_89");
        compiler("13.1", cache).compile(SOURCE, "k.cu", "sm_90a");
        assertThat(compilations).hasSize(4);
        assertThat(compiler("13.0", cache).compile(SOURCE, "k.cu", "sm_89"))
                .isEqualTo(("CUBIN sm_89 " + SOURCE).getBytes(StandardCharsets.UTF_8));
        assertThat(compilations).hasSize(4);
    }

    @Test
    void entriesAreWrittenWholeThroughATemporaryFile() throws IOException {
        compiler("13.0", Optional.of(folder)).compile(SOURCE, "k.cu", "sm_90a");
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> entries = files.toList();
            assertThat(entries).singleElement().satisfies(entry -> assertThat(entry.toString()).endsWith(".cubin"));
            byte[] bytes = Files.readAllBytes(entries.getFirst());
            byte[] cubin = ("CUBIN sm_90a " + SOURCE).getBytes(StandardCharsets.UTF_8);
            assertThat(bytes).hasSize(8 + 32 + cubin.length).startsWith("CRCLCUB1".getBytes(StandardCharsets.US_ASCII))
                    .endsWith(cubin);
        }
    }

    @Test
    void aCorruptOrTruncatedEntryIsCompiledAgainAndReplaced() throws IOException {
        KernelCompiler compiler = compiler("13.0", Optional.of(folder));
        byte[] cubin = compiler.compile(SOURCE, "k.cu", "sm_90a");
        Path entry;
        try (Stream<Path> files = Files.list(folder)) {
            entry = files.findFirst().orElseThrow();
        }
        byte[] corrupt = Files.readAllBytes(entry);
        corrupt[corrupt.length - 1] ^= 1;
        Files.write(entry, corrupt);
        assertThat(compiler.compile(SOURCE, "k.cu", "sm_90a")).isEqualTo(cubin);
        assertThat(compilations).hasSize(2);
        assertThat(compiler.compile(SOURCE, "k.cu", "sm_90a")).isEqualTo(cubin);
        assertThat(compilations).as("the entry was replaced").hasSize(2);

        Files.write(entry, new byte[] {'C', 'R'});
        assertThat(compiler.compile(SOURCE, "k.cu", "sm_90a")).isEqualTo(cubin);
        assertThat(compilations).hasSize(3);
    }

    @Test
    void anEntryThatIsNotAFileIsCompiledAgain() throws IOException {
        KernelCompiler compiler = compiler("13.0", Optional.of(folder));
        byte[] cubin = compiler.compile(SOURCE, "k.cu", "sm_90a");
        Path entry;
        try (Stream<Path> files = Files.list(folder)) {
            entry = files.findFirst().orElseThrow();
        }
        Files.delete(entry);
        Files.createDirectory(entry); // neither readable as a file nor replaceable
        assertThat(compiler.compile(SOURCE, "k.cu", "sm_90a")).isEqualTo(cubin);
        assertThat(compilations).hasSize(2);
    }

    @Test
    void aCacheThatCannotBeWrittenLeavesTheCubinInMemory() throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("file"), "");
        KernelCompiler compiler = compiler("13.0", Optional.of(notAFolder.resolve("cuda")));
        byte[] cubin = compiler.compile(SOURCE, "k.cu", "sm_90a");
        assertThat(cubin).isEqualTo(("CUBIN sm_90a " + SOURCE).getBytes(StandardCharsets.UTF_8));
        assertThat(compiler.compile(SOURCE, "k.cu", "sm_90a")).isEqualTo(cubin);
        assertThat(compilations).hasSize(2);
    }

    @Test
    void withoutACacheEveryCompileCompiles() {
        KernelCompiler compiler = compiler("13.0", Optional.empty());
        compiler.compile(SOURCE, "k.cu", "sm_90a");
        compiler.compile(SOURCE, "k.cu", "sm_90a");
        assertThat(compilations).hasSize(2);
        assertThat(compiler.compilerVersion()).isEqualTo("13.0");
    }
}
