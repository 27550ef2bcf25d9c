package dev.caracal.app.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.server.CaracalServer;
import dev.caracal.app.server.RawHttp;
import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.spring.boot.engine.ModelDeployment;
import dev.caracal.engine.api.EngineStats;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Slow and silent clients against a server with short connection limits: idle connections, headers sent a byte at a
 * time, bodies that never finish, too many connections, and a stream whose client stops reading (paused in the engine,
 * then disconnected and cancelled at the stall time-out); and a client that reads slowly still gets its whole stream.
 */
class ConnectionLimitsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration IDLE = Duration.ofMillis(1500);
    private static final Duration HEADERS = Duration.ofMillis(1000);
    private static final Duration BODY = Duration.ofMillis(1000);
    /** Longer than the engine takes to fill a request's output buffer once the socket stops taking bytes. */
    private static final Duration STALL = Duration.ofSeconds(6);
    private static final int MAX_CONNECTIONS = 12;
    /** A long stream: 16 choices of up to 1,200 tokens each with 20 alternatives per token, end-of-story banned. */
    private static final String LONG_STREAM = """
            {"model": "stories260K", "messages": [{"role": "user", "content": "Once upon a time"}], "stream": true,
             "max_tokens": 1200, "n": 16, "temperature": 1, "seed": 7, "logprobs": true, "top_logprobs": 20,
             "logit_bias": {"2": -100}}""";

    private static ConfigurableApplicationContext server;
    private static int port;
    private static ModelDeployment stories;

    @BeforeAll
    static void start() throws InterruptedException {
        server = CaracalServer.start(new String[] {"--server.port=0",
            "--caracal.server.idle-timeout=" + IDLE.toMillis() + "ms",
            "--caracal.server.header-timeout=" + HEADERS.toMillis() + "ms",
            "--caracal.server.body-timeout=" + BODY.toMillis() + "ms",
            "--caracal.server.max-connections=" + MAX_CONNECTIONS,
            "--caracal.limits.stream-stall-timeout=" + STALL.toMillis() + "ms",
            "--caracal.models[0].path=" + dev.caracal.formats.testing.SharedData.require("models/stories260K.gguf"),
            "--caracal.models[0].alias=stories260K", "--caracal.models[0].kv-memory=64MB"});
        port = Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
        DeploymentRegistry registry = server.getBean(DeploymentRegistry.class);
        await(Duration.ofSeconds(60), registry::isSettled);
        stories = registry.find("stories260K").orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anIdleConnectionIsClosed() throws IOException {
        try (Socket socket = RawHttp.connect(port, Duration.ofMillis(200))) {
            long start = System.nanoTime();
            RawHttp.Drained drained = RawHttp.drain(socket, IDLE.multipliedBy(4));
            assertThat(drained.closed()).as("closed while idle").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(IDLE.minusMillis(200));
        }
    }

    @Test
    void headersSentAByteAtATimeGetA408AndTheConnectionClosed() throws Exception {
        double before = closed("header_timeout");
        try (Socket socket = RawHttp.connect(port, Duration.ofMillis(100))) {
            OutputStream out = socket.getOutputStream();
            byte[] request = "GET /v1/models HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                    .getBytes(StandardCharsets.US_ASCII);
            long start = System.nanoTime();
            String answer = "";
            boolean closed = false;
            for (byte b : request) {
                try {
                    out.write(b);
                    out.flush();
                } catch (IOException gone) {
                    closed = true;
                    break;
                }
                RawHttp.Drained drained = RawHttp.drain(socket, Duration.ofMillis(150));
                answer += drained.text();
                if (drained.closed()) {
                    closed = true;
                    break;
                }
            }
            assertThat(closed).as("closed before the headers ended").isTrue();
            assertThat(answer).startsWith("HTTP/1.1 408");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(HEADERS.multipliedBy(4));
        }
        assertThat(closed("header_timeout")).isEqualTo(before + 1);
    }

    @Test
    void aBodyThatNeverEndsClosesTheConnection() throws IOException {
        try (Socket socket = RawHttp.connect(port, Duration.ofMillis(200))) {
            RawHttp.send(socket, "POST", "/v1/completions", Map.of("Content-Type", "application/json",
                    "Content-Length", "200"), "{\"model\": \"stor".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            RawHttp.Drained drained = RawHttp.drain(socket, BODY.multipliedBy(5));
            assertThat(drained.closed()).as("closed while the body was unfinished: " + drained.text()).isTrue();
            assertThat(drained.text()).doesNotStartWith("HTTP/1.1 2").doesNotStartWith("HTTP/1.1 5");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(BODY.minusMillis(200));
        }
    }

    @Test
    void connectionsOverTheLimitGetA503() throws Exception {
        await(Duration.ofSeconds(10), () -> openConnections() == 0); // earlier tests' connections have closed
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                held.add(RawHttp.connect(port, Duration.ofMillis(200)));
            }
            await(Duration.ofSeconds(5), () -> openConnections() == MAX_CONNECTIONS);
            try (Socket extra = RawHttp.connect(port, Duration.ofMillis(200))) {
                RawHttp.Drained refused = RawHttp.drain(extra, Duration.ofSeconds(5));
                assertThat(refused.text()).startsWith("HTTP/1.1 503");
                assertThat(refused.closed()).isTrue();
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        await(Duration.ofSeconds(5), () -> openConnections() == 0);
        assertThat(RawHttp.exchange(port, "GET", "/v1/models", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void aStreamWhoseClientStopsReadingIsPausedThenCancelledAtTheStallTimeOut() throws Exception {
        double stalledBefore = closed("stalled");
        long finishedBefore = stories.stats().requests().finished();
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            RawHttp.send(socket, "POST", "/v1/chat/completions", Map.of("Content-Type", "application/json"),
                    LONG_STREAM.getBytes(StandardCharsets.UTF_8));
            // The client reads nothing. Generation fills the buffers, then stops: the requests are paused.
            await(Duration.ofSeconds(30), () -> stories.stats().requests().running() == 16);
            long generated = awaitSteady(Duration.ofMillis(500));
            EngineStats paused = stories.stats();
            assertThat(paused.requests().running()).as("paused requests stay running").isEqualTo(16);
            assertThat(paused.kvCache().blocksUsed()).as("and keep their KV blocks").isPositive();
            assertThat(generated).as("but generate nothing more").isLessThan(16 * 1200);
            // At the stall time-out the connection is closed and the requests cancelled, their blocks freed.
            await(STALL.multipliedBy(3), () -> stories.stats().requests().running() == 0);
            assertThat(stories.stats().kvCache().blocksUsed()).isZero();
            assertThat(stories.stats().requests().finished()).isEqualTo(finishedBefore + 16);
            assertThat(closed("stalled")).isEqualTo(stalledBefore + 1);
            RawHttp.Drained rest = RawHttp.drain(readable(socket), Duration.ofSeconds(10));
            assertThat(rest.closed()).as("the server closed the connection").isTrue();
        }
    }

    @Test
    void aClientThatReadsSlowlyGetsItsWholeStreamExactly() throws Exception {
        String body = """
                {"model": "stories260K", "prompt": "Once upon a time", "max_tokens": 300, "temperature": 0,
                 "logit_bias": {"2": -100}%s}""";
        String whole = JSON.readTree(RawHttp.exchange(port, "POST", "/v1/completions", Map.of("Content-Type",
                "application/json"), body.formatted("").getBytes(StandardCharsets.UTF_8)).text().split("\r\n\r\n",
                2)[1]).get("choices").get(0).get("text").stringValue();
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.setSoTimeout(100);
            RawHttp.send(socket, "POST", "/v1/completions", Map.of("Content-Type", "application/json"),
                    body.formatted(", \"stream\": true").getBytes(StandardCharsets.UTF_8));
            StringBuilder streamed = new StringBuilder();
            StringBuilder text = new StringBuilder();
            boolean closed = false;
            while (!closed) {
                Thread.sleep(STALL.toMillis() / 3); // reads in bursts, each well within the stall time-out
                RawHttp.Drained burst = RawHttp.drain(socket, Duration.ofMillis(50));
                streamed.append(burst.text());
                closed = burst.closed();
            }
            for (String line : streamed.toString().split("\n")) {
                if (line.startsWith("data: {")) {
                    text.append(JSON.readTree(line.substring(6)).get("choices").get(0).get("text").stringValue());
                }
            }
            assertThat(streamed.toString()).contains("data: [DONE]");
            assertThat(text.toString()).isEqualTo(whole);
        }
    }

    /** The engine's generated-token count once it has stopped changing for {@code quiet}. */
    private static long awaitSteady(Duration quiet) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long last = stories.stats().work().generatedTokens();
        long since = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(50);
            long now = stories.stats().work().generatedTokens();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since >= quiet.toNanos()) {
                return now;
            }
        }
        throw new AssertionError("generation never paused: " + stories.stats());
    }

    private static Socket readable(Socket socket) throws IOException {
        socket.setSoTimeout(200);
        return socket;
    }

    private static double closed(String reason) {
        var counter = server.getBean(MeterRegistry.class).find("caracal.connections.closed").tag("reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static double openConnections() {
        return server.getBean(MeterRegistry.class).get("caracal.connections.open").gauge().value();
    }

    private static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("within %s: %s", timeout, stories == null ? "" : stories.stats())
                .isTrue();
    }
}
