package dev.caracal.backend.xla.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Shared libraries the tests build with gcc into {@code target/fake-pjrt-plugins}: variants of
 * {@code src/test/native/fake_pjrt_plugin.c} (a PJRT table of a chosen version and size, with a few functions) and
 * small C programs. Tests that need them are skipped where gcc is missing.
 */
public final class FakePlugins {

    static final Path FOLDER = Path.of("target", "fake-pjrt-plugins");
    static final Path SOURCE = Path.of("src", "test", "native", "fake_pjrt_plugin.c");

    private FakePlugins() {
    }

    /** Whether gcc runs here. */
    public static boolean gccAvailable() {
        try {
            Process process = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException absent) {
            return false;
        }
    }

    /** The fake plugin built with {@code defines} ({@code FAKE_MINOR=1}, {@code FAKE_CLIENT_FAILS}), as NAME.so. */
    public static synchronized Path plugin(String name, String... defines) {
        Path library = FOLDER.resolve(name + ".so").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-O1", "-Wall",
                "-Wno-unused-function", "-o", library.toString(), SOURCE.toAbsolutePath().toString()));
        for (String define : defines) {
            command.add("-D" + define);
        }
        run(command);
        return library;
    }

    /** A shared library compiled from {@code source} as {@code name}.so. */
    public static synchronized Path library(String name, String source) {
        Path file = write(name + ".c", source);
        Path library = FOLDER.resolve(name + ".so").toAbsolutePath();
        run(List.of("gcc", "-shared", "-fPIC", "-o", library.toString(), file.toString()));
        return library;
    }

    /** Compiles {@code source} as a program, runs it and returns what it printed. */
    static synchronized String runProgram(String name, String source, String... flags) {
        Path file = write(name + ".c", source);
        Path program = FOLDER.resolve(name).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of("gcc", "-Wall", "-o", program.toString(), file.toString()));
        command.addAll(List.of(flags));
        run(command);
        return run(List.of(program.toString()));
    }

    /** The {@code int} a fake plugin exports as {@code name}. */
    public static int counter(Path plugin, String name) {
        MemorySegment symbol = SymbolLookup.libraryLookup(plugin, Arena.global()).find(name).orElseThrow();
        return symbol.reinterpret(4).get(ValueLayout.JAVA_INT, 0);
    }

    /** The C string a fake plugin exports as {@code name}. */
    public static String text(Path plugin, String name) {
        MemorySegment symbol = SymbolLookup.libraryLookup(plugin, Arena.global()).find(name).orElseThrow();
        return symbol.reinterpret(4096).getString(0);
    }

    private static Path write(String name, String text) {
        try {
            Files.createDirectories(FOLDER);
            return Files.writeString(FOLDER.resolve(name), text, StandardCharsets.UTF_8).toAbsolutePath();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static String run(List<String> command) {
        try {
            Files.createDirectories(FOLDER);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
