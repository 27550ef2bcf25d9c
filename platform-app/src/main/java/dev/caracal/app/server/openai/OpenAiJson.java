package dev.caracal.app.server.openai;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of the gateway's APIs: snake_case names over the records' camelCase components. Reading refuses documents
 * nested deeper than {@link #MAX_NESTING_DEPTH} (no request needs more) and numbers longer than
 * {@link #MAX_NUMBER_LENGTH} digits.
 */
public final class OpenAiJson {

    /** The deepest nesting of arrays and objects a request may have. */
    static final int MAX_NESTING_DEPTH = 64;
    /** The most characters of one number in a request. */
    static final int MAX_NUMBER_LENGTH = 100;

    static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH).build())
                    .build())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private OpenAiJson() {
    }

    /** {@code value} as JSON bytes. */
    public static byte[] bytes(Object value) {
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
