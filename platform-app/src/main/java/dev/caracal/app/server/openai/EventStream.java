package dev.caracal.app.server.openai;

import dev.caracal.app.server.error.OpenAiException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Server-sent events as OpenAI frames them: one {@code data: JSON} event per chunk, each flushed as it is written,
 * then {@code data: [DONE]}. A failure after the response has started becomes an {@code data: {"error": …}} event
 * before {@code [DONE]}. When the client goes away, the subscription to the chunks is cancelled.
 */
public final class EventStream {

    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private EventStream() {
    }

    /** A 200 response streaming {@code chunks} (each serialized as JSON) as server-sent events. */
    static Mono<ServerResponse> of(Flux<?> chunks) {
        Flux<byte[]> frames = chunks.map(chunk -> frame(OpenAiJson.bytes(chunk)))
                .onErrorResume(failure -> Mono.just(frame(OpenAiJson.bytes(errorBody(failure)))))
                .concatWith(Mono.just(DONE));
        BodyInserter<Flux<byte[]>, ReactiveHttpOutputMessage> inserter = (message, context) ->
                message.writeAndFlushWith(frames.map(bytes -> Mono.just(message.bufferFactory().wrap(bytes))));
        return ServerResponse.ok()
                .contentType(MediaType.TEXT_EVENT_STREAM)
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no")
                .body(inserter);
    }

    /** The last events of a stream that ends with {@code json} (an error body): its frame, then {@code [DONE]}. */
    public static Flux<byte[]> endingWith(byte[] json) {
        return Flux.just(frame(json), DONE);
    }

    private static OpenAiException.ErrorBody errorBody(Throwable failure) {
        if (failure instanceof OpenAiException known) {
            return known.body();
        }
        LOG.error("a streamed request failed", failure);
        return OpenAiException.serverError("The server had an error while processing your request").body();
    }

    private static byte[] frame(byte[] json) {
        byte[] frame = new byte[json.length + 8];
        System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, frame, 0, 6);
        System.arraycopy(json, 0, frame, 6, json.length);
        frame[frame.length - 2] = '\n';
        frame[frame.length - 1] = '\n';
        return frame;
    }
}
