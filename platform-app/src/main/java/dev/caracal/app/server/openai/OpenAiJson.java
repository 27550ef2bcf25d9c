package dev.caracal.app.server.openai;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The JSON of the OpenAI API: snake_case names over the records' camelCase components. */
final class OpenAiJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private OpenAiJson() {
    }

    /** {@code value} as JSON bytes. */
    static byte[] bytes(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    /** Where in the request a Jackson error is, as {@code messages[0].content}; null at the top. */
    static String path(JacksonException problem) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : problem.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    /** The first line of a message (Jackson's go on with source locations). */
    static String firstLine(String message) {
        if (message == null) {
            return "wrong type";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
