package dev.caracal.app.server.router;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code caracal serve} in a JVM of its own (this test's class path, the flags {@code bin/caracal} gives), on a
 * free loopback port, its output in {@code target/cluster-test/NAME.log}: a worker or a router of a real cluster.
 */
final class CaracalProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private CaracalProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code caracal serve --port P ARGUMENTS} (does not wait for it: see {@link #awaitReady}). */
    static CaracalProcess start(String name, Path directory, String... arguments) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"),
                "dev.caracal.app.cli.CaracalCommand", "serve", "--port", Integer.toString(port)));
        command.addAll(List.of(arguments));
        try {
            Files.createDirectories(directory);
            Path log = directory.resolve(name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            CaracalProcess started = new CaracalProcess(name, port, log, process);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, name + "-reaper"));
            return started;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** Waits until {@code /actuator/health/readiness} answers 200 (model loaded and warmed; for a router, a worker). */
    CaracalProcess awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; its log:\n"
                        + tail());
            }
            try {
                HttpResponse<Void> ready = HTTP.send(HttpRequest.newBuilder(url("/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " was not ready in " + timeout + "; its log:\n" + tail());
    }

    String name() {
        return name;
    }

    /** {@code http://127.0.0.1:PORT}. */
    String base() {
        return "http://127.0.0.1:" + port;
    }

    URI url(String path) {
        return URI.create(base() + path);
    }

    /** Kills the process at once (SIGKILL), as a crashed node or an evicted pod dies. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines of its log. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException unreadable) {
            return "(no log: " + unreadable.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            kill();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
