package dev.caracal.app.server.admin;

import dev.caracal.app.server.error.OpenAiException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON of the admin API's model, backend, pull, session and live endpoints (docs/ADMIN.md): property names in camel
 * case, as the admin UI reads them ({@code /admin/stats} and {@code /admin/tenants} keep the OpenAI API's snake case).
 */
final class AdminJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private AdminJson() {
    }

    /** {@code value} as JSON text. */
    static String string(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** A 200 response with {@code value} as JSON. */
    static Mono<ServerResponse> ok(Object value) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(MAPPER.writeValueAsBytes(value));
    }

    /** A response of {@code status} with {@code value} as JSON. */
    static Mono<ServerResponse> status(org.springframework.http.HttpStatus status, Object value) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(MAPPER.writeValueAsBytes(value));
    }

    /** A request body read as {@code type}; a 400 saying what is wrong otherwise. */
    static <T> T read(byte[] body, Class<T> type) {
        if (body.length == 0) {
            throw OpenAiException.invalid(null, "the request body is empty: send a JSON object");
        }
        try {
            return MAPPER.readValue(body, type);
        } catch (JacksonException malformed) {
            throw OpenAiException.invalid(null, "the request body is not the JSON object expected: "
                    + malformed.getOriginalMessage());
        }
    }
}
