package dev.caracal.app.hub;

import dev.caracal.app.hub.HubException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP side of a pull: HEAD without following redirects, GET following them, the token sent to the hub's own
 * origin only (never to the CDN it redirects to), and network failures as {@link HubException}s.
 */
final class HubHttp implements AutoCloseable {

    static final int MAX_REDIRECTS = 10;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Until the answer's headers; a body may take as long as it takes. */
    private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(60);

    private final URI endpoint;
    private final Optional<String> token;
    private final HttpClient client;
    private final String userAgent;

    HubHttp(URI endpoint, Optional<String> token) {
        this.endpoint = endpoint;
        this.token = token;
        // HTTP/1.1: one long stream per download gains nothing from HTTP/2, and a plain-HTTP mirror gets no h2c
        // upgrade. Redirects are followed here, so that the token stays with the hub.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
        String version = HubHttp.class.getPackage().getImplementationVersion();
        this.userAgent = "caracal/" + (version == null ? "dev" : version) + "; java/" + Runtime.version().feature();
    }

    /** The answer to {@code HEAD url}, a redirect included (not followed). */
    HttpResponse<Void> head(URI url) throws HubException {
        return send(request(url).HEAD().build(), HttpResponse.BodyHandlers.discarding());
    }

    /**
     * The answer to {@code GET url} after following its redirects, asking for the bytes from {@code offset} on where
     * it is above 0; the caller closes the body.
     */
    HttpResponse<InputStream> get(URI url, long offset) throws HubException {
        URI current = url;
        for (int redirects = 0; ; redirects++) {
            HttpRequest.Builder request = request(current).GET();
            if (offset > 0) {
                request.header("Range", "bytes=" + offset + "-");
            }
            HttpResponse<InputStream> response = send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (!isRedirect(response.statusCode())) {
                return response;
            }
            close(response.body());
            if (redirects == MAX_REDIRECTS) {
                throw new HubException(Reason.BAD_RESPONSE, response.statusCode(), "more than " + MAX_REDIRECTS
                        + " redirects from " + HubErrors.describe(url));
            }
            current = location(current, response);
        }
    }

    /** The hub's base URL. */
    URI endpoint() {
        return endpoint;
    }

    /** Whether {@code url} gets the token: it is on the hub's own scheme, host and port. */
    boolean sendsTokenTo(URI url) {
        return token.isPresent() && sameOrigin(url, endpoint);
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Where a redirect points, resolved against the URL that answered it (a relative location included). */
    static URI location(URI from, HttpResponse<?> response) throws HubException {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new HubException(
                Reason.BAD_RESPONSE, response.statusCode(), "the redirect from " + HubErrors.describe(from)
                        + " has no Location (HTTP " + response.statusCode() + ")"));
        try {
            return from.resolve(new URI(location));
        } catch (java.net.URISyntaxException | IllegalArgumentException malformed) {
            throw new HubException(Reason.BAD_RESPONSE, response.statusCode(), "the redirect from "
                    + HubErrors.describe(from) + " points at a malformed location: " + malformed.getMessage());
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private HttpRequest.Builder request(URI url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(HEADERS_TIMEOUT)
                .header("User-Agent", userAgent)
                // The size in Content-Length is the file's, and the bytes on disk are the file's.
                .header("Accept-Encoding", "identity");
        if (sendsTokenTo(url)) {
            request.header("Authorization", "Bearer " + token.orElseThrow());
        }
        return request;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws HubException {
        try {
            return client.send(request, body);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new HubException(Reason.CANCELLED, 0, "the pull was cancelled while it waited for "
                    + HubErrors.describe(request.uri()));
        } catch (IOException failure) {
            String cause = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
            throw new HubException(Reason.UNREACHABLE, 0, "cannot reach " + HubErrors.describe(request.uri()) + " ("
                    + cause + "): check the network, a proxy, or HF_ENDPOINT", failure);
        }
    }

    /** Whether two URLs have one scheme, host and port (a relative redirect's target has the answering URL's). */
    static boolean sameOrigin(URI first, URI second) {
        return first.getScheme().equalsIgnoreCase(second.getScheme())
                && first.getHost() != null && first.getHost().equalsIgnoreCase(second.getHost())
                && port(first) == port(second);
    }

    private static int port(URI url) {
        return url.getPort() >= 0 ? url.getPort() : url.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static void close(InputStream body) {
        try {
            Objects.requireNonNull(body).close();
        } catch (IOException ignored) {
            // A redirect's body: nothing in it matters.
        }
    }
}
