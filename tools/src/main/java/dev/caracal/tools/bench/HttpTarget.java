package dev.caracal.tools.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Requests over the OpenAI-compatible HTTP API: {@code POST /v1/completions} with the prompt as token ids, greedy,
 * {@code ignore_eos}, streamed with the usage in a last chunk. The client is deliberately lean, as a benchmark client
 * should be (vLLM's uses one asyncio thread): one blocking socket per request, read on the calling thread, HTTP/1.1
 * chunked transfer decoded by hand, each {@code data:} event timed as it arrives and only the usage event parsed.
 * So the time measured is the server's, not a heavyweight client's thread hand-offs.
 */
public final class HttpTarget implements ServingBenchmark.Target {

    private final String host;
    private final int port;
    private final String model;
    private final String authorization;

    /**
     * @param baseUrl the server, for example {@code http://127.0.0.1:8000}
     * @param model   the served model's name
     * @param apiKey  an API key, or null
     */
    public HttpTarget(String baseUrl, String model, String apiKey) {
        URI uri = URI.create(baseUrl);
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("the URL must be http://host:port, not " + baseUrl);
        }
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 80 : uri.getPort();
        this.model = model;
        this.authorization = apiKey == null ? null : "Bearer " + apiKey;
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public ServingBenchmark.RequestTimes run(int[] prompt, int maxTokens) throws IOException {
        byte[] body = ("{\"model\": \"" + model.replace("\"", "\\\"") + "\", \"prompt\": "
                + Arrays.toString(prompt).replace(" ", "") + ", \"max_tokens\": " + maxTokens
                + ", \"temperature\": 0, \"ignore_eos\": true, \"stream\": true,"
                + " \"stream_options\": {\"include_usage\": true}}").getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/completions HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n"
                + "Content-Type: application/json\r\nAccept: text/event-stream\r\nConnection: close\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n";
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 10_000);
            long start = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            String status = line(in);
            boolean chunked = false;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                chunked |= header.regionMatches(true, 0, "Transfer-Encoding: chunked", 0, 26);
            }
            if (!status.startsWith("HTTP/1.1 200")) {
                throw new IllegalStateException("POST /v1/completions answered " + status + ": "
                        + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            Events events = new Events(start, maxTokens);
            if (chunked) {
                for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16); size > 0;
                        size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
                    events.feed(in.readNBytes(size));
                    line(in); // the CRLF after the chunk
                }
            } else {
                events.feed(in.readAllBytes());
            }
            return events.times(System.nanoTime() - start);
        }
    }

    /** The server-sent events of one response, split into lines as the bytes arrive, each timed. */
    private static final class Events {
        private final long start;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private long[] chunks;
        private int count;
        private int tokens = -1;

        Events(long start, int maxTokens) {
            this.start = start;
            this.chunks = new long[maxTokens + 1];
        }

        void feed(byte[] bytes) {
            long now = System.nanoTime() - start;
            for (byte b : bytes) {
                if (b != '\n') {
                    partial.write(b);
                    continue;
                }
                String line = partial.toString(StandardCharsets.UTF_8);
                partial.reset();
                if (!line.startsWith("data: {")) {
                    continue;
                }
                if (line.contains("\"choices\":[]")) {
                    tokens = completionTokens(line);
                } else if (line.contains("\"error\"")) {
                    throw new IllegalStateException("the stream failed: " + line);
                } else {
                    if (count == chunks.length) {
                        chunks = Arrays.copyOf(chunks, count * 2);
                    }
                    chunks[count++] = now;
                }
            }
        }

        ServingBenchmark.RequestTimes times(long end) {
            if (count == 0) {
                throw new IllegalStateException("the stream had no tokens");
            }
            return new ServingBenchmark.RequestTimes(chunks[0], end, tokens >= 0 ? tokens : count,
                    Arrays.copyOf(chunks, count));
        }
    }

    /** One line of the response head (CRLF or LF ended, without it). */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** {@code usage.completion_tokens} of a usage event. */
    private static int completionTokens(String line) {
        String key = "\"completion_tokens\":";
        int at = line.indexOf(key);
        if (at < 0) {
            return -1;
        }
        int from = at + key.length();
        int to = from;
        while (to < line.length() && Character.isDigit(line.charAt(to))) {
            to++;
        }
        return Integer.parseInt(line.substring(from, to));
    }
}
