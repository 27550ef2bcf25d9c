package dev.caracal.app.server.openai;

import dev.caracal.app.server.error.OpenAiException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Every error as OpenAI's error JSON with the right status: refused requests, unknown routes and methods, unsupported
 * or malformed media types, bodies that are too large, and failures, which are logged and answered with a 500 that
 * carries no stack trace. Client faults are never logged at ERROR (so clients cannot flood the log with stack traces).
 * Runs before Spring Boot's own error handler.
 */
@Component
@Order(-2)
class OpenAiErrorHandler implements WebExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(failure);
        }
        OpenAiException error = toOpenAi(exchange, failure);
        response.setStatusCode(error.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        error.headers().forEach((name, value) -> response.getHeaders().set(name, value));
        byte[] body = error.json();
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static OpenAiException toOpenAi(ServerWebExchange exchange, Throwable failure) {
        if (failure instanceof OpenAiException known) {
            return known;
        }
        if (failure instanceof DataBufferLimitException tooLarge) {
            return new OpenAiException(HttpStatus.CONTENT_TOO_LARGE, "invalid_request_error",
                    "The request body is too large: " + tooLarge.getMessage(), null, null, Map.of());
        }
        if (failure instanceof ResponseStatusException status) {
            return fromStatus(exchange, status.getStatusCode(), status.getReason());
        }
        if (failure instanceof HttpMessageNotWritableException) {
            // WebFlux throws this only when no encoder writes the type the Accept header asked for (a charset we do
            // not write, say): the client's choice, so 406 like any other type we cannot answer in.
            return fromStatus(exchange, HttpStatus.NOT_ACCEPTABLE, null);
        }
        if (failure instanceof InvalidMediaTypeException || failure instanceof InvalidMimeTypeException) {
            return OpenAiException.invalid(null, "A media type in the request's headers is malformed: "
                    + failure.getMessage());
        }
        LOG.error("{} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), failure);
        return OpenAiException.serverError("The server had an error while processing your request");
    }

    private static OpenAiException fromStatus(ServerWebExchange exchange, HttpStatusCode code, String reason) {
        String request = exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value();
        HttpStatus status = HttpStatus.resolve(code.value());
        if (status == null) {
            status = code.is4xxClientError() ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String message = switch (status) {
            case NOT_FOUND -> "Invalid URL (" + request + ")";
            case METHOD_NOT_ALLOWED -> "Method not allowed (" + request + ")";
            case UNSUPPORTED_MEDIA_TYPE -> "Unsupported Content-Type: send the request body as application/json";
            case NOT_ACCEPTABLE -> "Not acceptable: the API answers application/json or text/event-stream in UTF-8";
            default -> reason != null && status.is4xxClientError() ? reason : status.getReasonPhrase();
        };
        if (status.is5xxServerError()) {
            LOG.error("{} failed: {} {}", request, status, reason);
            return OpenAiException.serverError("The server had an error while processing your request");
        }
        String code4xx = switch (status) {
            case NOT_FOUND -> "unknown_url";
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
            default -> null;
        };
        return new OpenAiException(status, "invalid_request_error", message, null, code4xx, Map.of());
    }
}
