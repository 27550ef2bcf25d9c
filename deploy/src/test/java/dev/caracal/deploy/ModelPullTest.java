package dev.caracal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's init containers, run here as the chart writes them, on a temporary folder standing for /models: the
 * application's own {@code caracal pull} against a local server that answers as the Hugging Face hub does, then the
 * link script in a POSIX shell; the worker's {@code --model} then opens the pulled file.
 */
class ModelPullTest {

    private static final String REPOSITORY = "bartowski/Llama-3.2-1B-Instruct-GGUF";
    private static final String FILE = "Llama-3.2-1B-Instruct-Q4_0.gguf";
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final byte[] CONTENT = "GGUF, or something like it".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path models;

    private HttpServer hub;
    private final AtomicInteger downloads = new AtomicInteger();

    @BeforeEach
    void startHub() throws IOException {
        hub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hub.createContext("/" + REPOSITORY + "/resolve/", this::answer);
        hub.start();
    }

    @AfterEach
    void stopHub() {
        hub.stop(0);
    }

    @Test
    void aBranchIsPulledThenLinkedWhereTheWorkerOpensIt() throws Exception {
        PodSpec pod = pod(Map.of("endpoint", endpoint()));

        assertThat(pull(pod.getInitContainers().getFirst())).isZero();
        assertThat(link(pod.getInitContainers().get(1))).isZero();

        Path model = onDisk(modelArgument(pod));
        assertThat(Files.isSymbolicLink(model)).isTrue();
        assertThat(Files.readAllBytes(model)).isEqualTo(CONTENT);
        assertThat(model.toRealPath()).startsWith(models.toRealPath());
        assertThat(model.toRealPath().toString()).contains("/hub/models--bartowski--Llama-3.2-1B-Instruct-GGUF/blobs/");
    }

    @Test
    void aCommitIsOpenedInItsSnapshotWithoutALink() throws Exception {
        PodSpec pod = pod(Map.of("endpoint", endpoint(), "revision", COMMIT));

        assertThat(pod.getInitContainers()).hasSize(1);
        assertThat(pull(pod.getInitContainers().getFirst())).isZero();

        assertThat(Files.readAllBytes(onDisk(modelArgument(pod)))).isEqualTo(CONTENT);
    }

    @Test
    void aRestartedPodDoesNotDownloadTheFileAgain() throws Exception {
        PodSpec pod = pod(Map.of("endpoint", endpoint()));

        for (int start = 0; start < 2; start++) {
            assertThat(pull(pod.getInitContainers().getFirst())).isZero();
            assertThat(link(pod.getInitContainers().get(1))).isZero();
        }

        assertThat(downloads).hasValue(1);
        assertThat(Files.readAllBytes(onDisk(modelArgument(pod)))).isEqualTo(CONTENT);
    }

    /** HEAD describes the file as the hub does (commit, etag, size); GET sends it. */
    private void answer(HttpExchange exchange) throws IOException {
        String revision = exchange.getRequestURI().getPath().split("/resolve/")[1].split("/")[0];
        exchange.getResponseHeaders().add("X-Repo-Commit", revision.equals("main") ? COMMIT : revision);
        exchange.getResponseHeaders().add("ETag", "\"content-1\"");
        exchange.getResponseHeaders().add("X-Linked-Size", String.valueOf(CONTENT.length));
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(200, -1);
        } else {
            downloads.incrementAndGet();
            exchange.sendResponseHeaders(200, CONTENT.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(CONTENT);
            }
        }
        exchange.close();
    }

    private String endpoint() {
        return "http://127.0.0.1:" + hub.getAddress().getPort();
    }

    private static PodSpec pod(Map<String, Object> pull) {
        return HelmChart.render(Map.of("model", Map.of("pull", pull))).get(Deployment.class, "caracal").getSpec()
                .getTemplate().getSpec();
    }

    /** The init container's {@code caracal pull}, in process, with /models standing for the temporary folder. */
    private int pull(Container container) throws Exception {
        List<String> arguments = container.getArgs().stream().map(this::onDiskText).toList();
        StringWriter err = new StringWriter();
        Object status = Class.forName("dev.caracal.app.cli.CaracalCommand")
                .getMethod("run", String[].class, PrintWriter.class, PrintWriter.class)
                .invoke(null, arguments.toArray(String[]::new), new PrintWriter(new StringWriter()),
                        new PrintWriter(err));
        assertThat((int) status).as(err.toString()).isZero();
        return (int) status;
    }

    /** The link container's script in this machine's POSIX shell, with its environment. */
    private int link(Container container) throws Exception {
        List<String> command = new ArrayList<>(container.getCommand());
        command.set(command.size() - 1, onDiskText(command.getLast()));
        ProcessBuilder shell = new ProcessBuilder(command).redirectErrorStream(true);
        shell.environment().clear();
        for (EnvVar variable : container.getEnv()) {
            shell.environment().put(variable.getName(), variable.getValue());
        }
        Process process = shell.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = process.waitFor();
        assertThat(status).as(output).isZero();
        assertThat(output).contains("snapshot " + COMMIT);
        return status;
    }

    private static String modelArgument(PodSpec pod) {
        List<String> arguments = pod.getContainers().getFirst().getArgs();
        return arguments.get(arguments.indexOf("--model") + 1);
    }

    private Path onDisk(String path) {
        return Path.of(onDiskText(path));
    }

    private String onDiskText(String text) {
        return text.replace("/models/", models + "/").replace("/models\"", models + "\"")
                .replaceAll("^/models$", models.toString());
    }
}
