package dev.caracal.app.server.openai;

import dev.caracal.app.server.error.OpenAiException;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/** Reads the JSON body of an API request within the size limit, for the gateway's own routes and the router's. */
public final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * The request body, at most {@code caracal.limits.max-request-size}: a larger declared length is refused before
     * anything is read, an undeclared one as soon as it passes the limit (413); 415 unless it is JSON (a request
     * without a Content-Type is read as JSON).
     */
    public static Mono<byte[]> read(ServerRequest request, int maxRequestBytes) {
        var type = request.headers().contentType();
        if (type.isPresent() && !MediaType.APPLICATION_JSON.isCompatibleWith(type.get())) {
            return Mono.error(new OpenAiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "invalid_request_error",
                    "Unsupported Content-Type " + type.get() + ": send the request body as application/json", null,
                    "unsupported_media_type", Map.of()));
        }
        long declared = request.headers().contentLength().orElse(-1);
        if (declared > maxRequestBytes) {
            return Mono.error(tooLarge(maxRequestBytes));
        }
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), maxRequestBytes)
                .map(RequestBodies::bytes)
                .onErrorMap(DataBufferLimitException.class, exceeded -> tooLarge(maxRequestBytes))
                .defaultIfEmpty(new byte[0]);
    }

    private static OpenAiException tooLarge(int maxRequestBytes) {
        return OpenAiException.tooLarge("The request body is larger than " + maxRequestBytes + " bytes, the limit"
                + " (caracal.limits.max-request-size)");
    }

    /** The bytes of {@code buffer}, which is released. */
    public static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
