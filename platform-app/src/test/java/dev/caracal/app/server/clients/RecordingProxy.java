package dev.caracal.app.server.clients;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A pass-through HTTP proxy between a client and the gateway that keeps each request and response body, so that a
 * test can read what a client library really sent (the schema it generated, the tool choice of each round) and count
 * its requests. Streams are forwarded as they arrive.
 */
final class RecordingProxy implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> FORWARDED_HEADERS = List.of("Content-Type", "Accept", "Authorization");

    /** One request as the client sent it and the gateway's answer (a stream's events, joined). */
    record Exchange(String method, String path, String requestBody, int status, String responseBody) {

        JsonNode request() {
            return JSON.readTree(requestBody);
        }

        /** The answer, for a response that is one JSON document (not a stream). */
        JsonNode response() {
            return JSON.readTree(responseBody);
        }
    }

    private final String target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    /** A proxy on a free local port forwarding to {@code target} ({@code http://host:port}). */
    RecordingProxy(String target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::forward);
        server.setExecutor(executor);
        server.start();
    }

    /** The proxy's URL with OpenAI's {@code /v1} prefix, as clients take a base URL. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The exchanges so far, in the order they completed. */
    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** The bodies of the chat completion requests so far. */
    List<JsonNode> chatRequests() {
        return exchanges.stream().filter(exchange -> exchange.path().endsWith("/chat/completions"))
                .map(Exchange::request).toList();
    }

    void clear() {
        exchanges.clear();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().toString();
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + path))
                    .timeout(Duration.ofSeconds(120))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : FORWARDED_HEADERS) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            HttpResponse<InputStream> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            response.headers().firstValue("Content-Type")
                    .ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
            exchange.sendResponseHeaders(response.statusCode(), 0);
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            try (InputStream in = response.body(); OutputStream out = exchange.getResponseBody()) {
                byte[] buffer = new byte[8192];
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, read);
                    out.flush();
                    copy.write(buffer, 0, read);
                }
                // Kept before the body ends, so a client that has its answer finds the exchange recorded.
                exchanges.add(new Exchange(exchange.getRequestMethod(), path,
                        new String(body, StandardCharsets.UTF_8), response.statusCode(),
                        copy.toString(StandardCharsets.UTF_8)));
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
        http.close();
    }
}
