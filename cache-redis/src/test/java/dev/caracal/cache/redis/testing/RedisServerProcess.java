package dev.caracal.cache.redis.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} for tests, on a free loopback port, without persistence: {@code redis-server} from the
 * PATH when it is installed (CI installs Debian's), else the binary the Maven artifact
 * {@code com.github.codemonstur:embedded-redis} ships for this platform, when that artifact is on the test class path.
 * An explicit binary can be named with {@code -Dcaracal.redis.server=PATH} or {@code CARACAL_REDIS_SERVER}.
 *
 * <p>Where none starts the calling test is skipped with the reason, except under {@code CI=true}, where it fails.
 * The server can be killed and started again on the same port, to test how clients live through an outage. Its log is
 * {@code target/redis-server/redis-PORT.log}. {@link #call} speaks RESP directly, so tests can look at and damage
 * stored values without a client library.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final long START_TIMEOUT_MILLIS = 10_000;
    /** embedded-redis 1.4.x's binaries, by "os-arch". */
    private static final List<String[]> BUNDLED = List.of(
            new String[] {"linux-amd64", "redis-server-6.2.6-v5-linux-amd64"},
            new String[] {"linux-aarch64", "redis-server-6.2.7-linux-arm64"},
            new String[] {"mac-amd64", "redis-server-6.2.6-v5-darwin-amd64"},
            new String[] {"mac-aarch64", "redis-server-6.2.6-v5-darwin-arm64"});

    private final Path binary;
    private final int port;
    private final Path log;
    private volatile Process process;

    private RedisServerProcess(Path binary, int port, Path log) {
        this.binary = binary;
        this.port = port;
        this.log = log;
        // A test JVM that exits without closing the server must not leave it running.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process running = process;
            if (running != null) {
                running.destroyForcibly();
            }
        }, "redis-server-" + port + "-reaper"));
    }

    /** Starts a server on a free port, or skips (in CI: fails) the calling test when none can be started. */
    public static RedisServerProcess start() {
        Path binary = findBinary();
        IOException lastFailure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            RedisServerProcess server = new RedisServerProcess(binary, port, logDirectory().resolve("redis-" + port
                    + ".log"));
            try {
                server.restart();
                return server;
            } catch (IOException failure) {
                // Another process may have taken the port between our probe and the server's bind: try another.
                lastFailure = failure;
                server.kill();
            }
        }
        return unavailable(binary + " did not start: " + lastFailure.getMessage());
    }

    /** The port it listens on (127.0.0.1). */
    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** The binary it runs. */
    public Path binary() {
        return binary;
    }

    /** Whether the process is running. */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the server again on the same port (after {@link #kill} or {@link #stop}), waiting until it answers. */
    public void restart() throws IOException {
        if (isRunning()) {
            throw new IllegalStateException("redis-server is running on port " + port);
        }
        Files.createDirectories(log.getParent());
        process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", log.getParent().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        String answer = null;
        while (true) {
            try {
                answer = String.valueOf(call("PING"));
                if (answer.equals("PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                answer = notYet.getMessage();
            }
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue() + "; its log: " + tail(log));
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("redis-server did not answer PING within " + START_TIMEOUT_MILLIS
                        + " ms (last: " + answer + "); its log: " + tail(log));
            }
            sleep(20);
        }
    }

    /** Kills the server at once (SIGKILL), as a crash would, and waits until it is gone. */
    public void kill() {
        end(true);
    }

    /** Stops the server (SIGTERM; nothing is saved) and waits until it is gone. */
    public void stop() {
        end(false);
    }

    private void end(boolean forcibly) {
        if (process == null) {
            return;
        }
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }

    /**
     * Sends one command and returns its reply: a {@code String} for a status, a {@code Long} for an integer, a
     * {@code byte[]} for a bulk string (null for none), a {@code List} for an array.
     *
     * @throws IOException when the server cannot be reached or answers with an error
     */
    public Object call(Object... arguments) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("*" + arguments.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (Object argument : arguments) {
                byte[] bytes = argument instanceof byte[] raw ? raw
                        : String.valueOf(argument).getBytes(StandardCharsets.UTF_8);
                request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                request.writeBytes(bytes);
                request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write(request.toByteArray());
            out.flush();
            return readReply(new BufferedInputStream(socket.getInputStream()));
        }
    }

    /** The value at {@code key} as bytes, or null. */
    public byte[] get(byte[] key) throws IOException {
        return (byte[]) call("GET", key);
    }

    /** Sets {@code key} to {@code value}, keeping no TTL. */
    public void set(byte[] key, byte[] value) throws IOException {
        call("SET", key, value);
    }

    private static Object readReply(InputStream in) throws IOException {
        int type = in.read();
        String line = readLine(in);
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new IOException("redis-server answered: " + line);
            case ':' -> Long.parseLong(line);
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    yield null;
                }
                byte[] bytes = in.readNBytes(length);
                readLine(in);
                yield bytes;
            }
            case '*' -> {
                int count = Integer.parseInt(line);
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(readReply(in));
                }
                yield count < 0 ? null : items;
            }
            case -1 -> throw new IOException("redis-server closed the connection");
            default -> throw new IOException("unexpected RESP reply type " + (char) type);
        };
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int b = in.read(); b != -1; b = in.read()) {
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
        throw new IOException("redis-server closed the connection mid-reply");
    }

    private static Path findBinary() {
        String explicit = System.getProperty("caracal.redis.server", System.getenv("CARACAL_REDIS_SERVER"));
        if (explicit != null && !explicit.isBlank()) {
            Path path = Path.of(explicit);
            return Files.isExecutable(path) ? path : unavailable("caracal.redis.server names " + explicit
                    + ", which is not an executable file");
        }
        for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, "redis-server"))) {
                return Path.of(directory, "redis-server");
            }
        }
        String resource = bundledBinaryName();
        if (resource != null && RedisServerProcess.class.getClassLoader().getResource(resource) != null) {
            return extract(resource);
        }
        return unavailable("no redis-server on the PATH, and no com.github.codemonstur:embedded-redis binary for "
                + platform() + " on the class path; install Redis (Debian: apt-get install redis-server) or point"
                + " -Dcaracal.redis.server at a redis-server binary");
    }

    private static String bundledBinaryName() {
        String platform = platform();
        for (String[] entry : BUNDLED) {
            if (entry[0].equals(platform)) {
                return entry[1];
            }
        }
        return null;
    }

    private static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return (os.contains("mac") ? "mac" : os.contains("linux") ? "linux" : os) + "-"
                + (arch.equals("x86_64") ? "amd64" : arch);
    }

    private static Path extract(String resource) {
        Path target = logDirectory().resolve(resource);
        try (InputStream in = RedisServerProcess.class.getClassLoader().getResourceAsStream(resource)) {
            if (!Files.isExecutable(target)) {
                Files.createDirectories(target.getParent());
                Path partial = Files.createTempFile(target.getParent(), resource, ".part");
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                if (!partial.toFile().setExecutable(true)) {
                    throw new IOException("cannot make " + partial + " executable");
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return target;
        } catch (IOException failure) {
            return unavailable("cannot extract " + resource + " from embedded-redis to " + target + ": "
                    + failure.getMessage());
        }
    }

    /** {@code target/redis-server} of the module running the tests. */
    private static Path logDirectory() {
        return Path.of("target", "redis-server").toAbsolutePath();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException failure) {
            return unavailable("no free loopback port: " + failure.getMessage());
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException unreadable) {
            return "(unreadable: " + unreadable.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T unavailable(String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("redis-server unavailable: " + message);
        }
        Assumptions.abort("redis-server unavailable: " + message);
        throw new AssertionError("unreachable");
    }
}
