package dev.caracal.app.server.error;

import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request the API refuses, with what OpenAI's error JSON says about it:
 * {@code {"error": {"message", "type", "param", "code"}}}.
 */
public final class OpenAiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String type;
    private final String param;
    private final String code;
    private final Map<String, String> headers;

    public OpenAiException(HttpStatus status, String type, String message, String param, String code,
            Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    /** 400 for a bad parameter. */
    public static OpenAiException invalid(String param, String message) {
        return new OpenAiException(HttpStatus.BAD_REQUEST, "invalid_request_error", message, param, null, Map.of());
    }

    /** 400 for a parameter Caracal does not support (yet), never silently ignored. */
    public static OpenAiException unsupported(String param, String what) {
        return new OpenAiException(HttpStatus.BAD_REQUEST, "invalid_request_error",
                what + " is not supported by Caracal", param, "unsupported_parameter", Map.of());
    }

    /** 404 for a model that is not served. */
    public static OpenAiException unknownModel(String model) {
        return new OpenAiException(HttpStatus.NOT_FOUND, "invalid_request_error",
                "The model `" + model + "` does not exist", "model", "model_not_found", Map.of());
    }

    /** 503 while a model is loading, or when it failed to. */
    public static OpenAiException unavailable(String message, int retryAfterSeconds) {
        return new OpenAiException(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable_error", message, null,
                "model_not_ready", Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    /**
     * 429 for a request refused by admission control: a tenant's limits, a full queue, or not enough KV cache soon
     * enough; {@code Retry-After} says when to try again.
     */
    public static OpenAiException tooManyRequests(String message, int retryAfterSeconds) {
        return new OpenAiException(HttpStatus.TOO_MANY_REQUESTS, "rate_limit_error", message, null,
                "rate_limit_exceeded", Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    /** 503 while every deployment of a model has its circuit breaker open after repeated engine failures. */
    public static OpenAiException circuitOpen(String message, int retryAfterSeconds) {
        return new OpenAiException(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable_error", message, null,
                "model_unavailable", Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    /** 504 for a request that did not finish within the request time-out (it is cancelled in the engine). */
    public static OpenAiException timedOut(String message) {
        return new OpenAiException(HttpStatus.GATEWAY_TIMEOUT, "timeout_error", message, null, "request_timeout",
                Map.of());
    }

    /** 403 for a key that may not do what it asks. */
    public static OpenAiException forbidden(String message) {
        return new OpenAiException(HttpStatus.FORBIDDEN, "invalid_request_error", message, null, "permission_denied",
                Map.of());
    }

    /** 413 for a request body over the configured limit. */
    public static OpenAiException tooLarge(String message) {
        return new OpenAiException(HttpStatus.CONTENT_TOO_LARGE, "invalid_request_error", message, null,
                "request_too_large", Map.of());
    }

    /** 401 for a missing or wrong API key. */
    public static OpenAiException unauthorized(String message) {
        return new OpenAiException(HttpStatus.UNAUTHORIZED, "invalid_request_error", message, null,
                "invalid_api_key", Map.of("WWW-Authenticate", "Bearer"));
    }

    /** 500 when the engine failed while running a request. */
    public static OpenAiException serverError(String message) {
        return new OpenAiException(HttpStatus.INTERNAL_SERVER_ERROR, "server_error", message, null, null, Map.of());
    }

    public HttpStatus status() {
        return status;
    }

    /** The error JSON of this exception. */
    public ErrorBody body() {
        return new ErrorBody(new ErrorBody.Error(getMessage(), type, param, code));
    }

    /** {@link #body()} as JSON bytes. */
    public byte[] json() {
        return JsonMapper.shared().writeValueAsBytes(body());
    }

    /** Headers the response carries ({@code Retry-After}, {@code WWW-Authenticate}). */
    public Map<String, String> headers() {
        return headers;
    }

    /** OpenAI's error JSON. */
    public record ErrorBody(Error error) {

        public record Error(String message, String type, String param, String code) {
        }
    }
}
