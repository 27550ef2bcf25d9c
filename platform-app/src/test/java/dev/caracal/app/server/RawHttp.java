package dev.caracal.app.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what real clients refuse to send: any bytes as the request target, any header,
 * half a request, or a request whose answer is never read.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** An answer: the status code and the whole response as text (status line, headers, body). */
    public record Response(int status, String text) {
    }

    /**
     * Sends {@code method target HTTP/1.1} with {@code headers} (plus {@code Host} and {@code Connection: close}) and
     * {@code body}, and reads the whole answer.
     */
    public static Response exchange(int port, String method, String target, Map<String, String> headers, byte[] body)
            throws IOException {
        try (Socket socket = connect(port, Duration.ofSeconds(30))) {
            send(socket, method, target, headers, body);
            byte[] answer = socket.getInputStream().readAllBytes();
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            return new Response(status(text), text);
        }
    }

    /** {@link #exchange} with no body. */
    public static Response exchange(int port, String method, String target, Map<String, String> headers)
            throws IOException {
        return exchange(port, method, target, headers, new byte[0]);
    }

    /** A connection to the server on loopback whose reads wait at most {@code readTimeout}. */
    public static Socket connect(int port, Duration readTimeout) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout((int) readTimeout.toMillis());
        return socket;
    }

    /** Writes a request with {@code Host}, {@code Content-Length} (when there is a body) and the given headers. */
    public static void send(Socket socket, String method, String target, Map<String, String> headers, byte[] body)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", "127.0.0.1");
        all.put("Connection", "close");
        if (body.length > 0) {
            all.put("Content-Length", Integer.toString(body.length));
        }
        all.putAll(headers);
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        all.forEach((name, value) -> {
            if (value != null) {
                head.append(name).append(": ").append(value).append("\r\n");
            }
        });
        head.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /**
     * Reads until the server closes the connection or {@code timeout} passes; what was read, and whether it was
     * closed.
     */
    public static Drained drain(Socket socket, Duration timeout) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[8192];
        while (System.nanoTime() < deadline) {
            try {
                int count = in.read(buffer);
                if (count < 0) {
                    return new Drained(read.toString(StandardCharsets.ISO_8859_1), true);
                }
                read.write(buffer, 0, count);
            } catch (SocketTimeoutException notYet) {
                // keep waiting until the deadline
            } catch (IOException reset) {
                return new Drained(read.toString(StandardCharsets.ISO_8859_1), true);
            }
        }
        return new Drained(read.toString(StandardCharsets.ISO_8859_1), false);
    }

    /** What {@link #drain} read, and whether the server closed the connection. */
    public record Drained(String text, boolean closed) {
    }

    private static int status(String response) {
        if (!response.startsWith("HTTP/1.1 ") || response.length() < 12) {
            return -1;
        }
        return Integer.parseInt(response.substring(9, 12));
    }
}
