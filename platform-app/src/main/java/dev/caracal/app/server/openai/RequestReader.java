package dev.caracal.app.server.openai;

import dev.caracal.app.server.error.OpenAiException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a request body into its record: malformed JSON and wrong types become 400s that name the parameter; fields
 * nobody knows are ignored with one warning in the log (as vLLM does).
 */
final class RequestReader {

    private static final Logger LOG = LoggerFactory.getLogger(RequestReader.class);

    private RequestReader() {
    }

    /**
     * Parses {@code body}, lets {@code check} refuse unsupported parameters, and binds the rest to {@code type}.
     *
     * @param endpoint names the endpoint in the log's warning about unknown fields
     */
    static <T> T read(byte[] body, Class<T> type, Consumer<ObjectNode> check, String endpoint) {
        if (body == null || body.length == 0) {
            throw OpenAiException.invalid(null, "The request has no body; send a JSON object");
        }
        JsonNode tree;
        try {
            tree = OpenAiJson.MAPPER.readTree(body);
        } catch (JacksonException malformed) {
            throw OpenAiException.invalid(null, "We could not parse the JSON body of your request: "
                    + malformed.getOriginalMessage());
        }
        if (!(tree instanceof ObjectNode object)) {
            throw OpenAiException.invalid(null, "The request body must be a JSON object");
        }
        check.accept(object);
        List<String> unknown = new ArrayList<>();
        T request;
        try {
            request = OpenAiJson.MAPPER.readerFor(type).withHandler(new UnknownFields(unknown)).readValue(object);
        } catch (JacksonException wrongType) {
            String param = OpenAiJson.path(wrongType);
            throw OpenAiException.invalid(param, "Invalid type for '" + param + "': "
                    + OpenAiJson.firstLine(wrongType.getOriginalMessage()));
        }
        if (!unknown.isEmpty()) {
            LOG.warn("{}: ignoring fields Caracal does not know: {}", endpoint, String.join(", ", unknown));
        }
        return request;
    }

    /** Collects the names of unknown fields and skips their values. */
    private static final class UnknownFields extends DeserializationProblemHandler {

        private final List<String> names;

        UnknownFields(List<String> names) {
            this.names = names;
        }

        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                ValueDeserializer<?> deserializer, Object beanOrClass, String propertyName) {
            String at = parser.streamReadContext().pathAsPointer().toString();
            String path = at.replaceFirst("^/+", "").replace('/', '.');
            names.add(path.isEmpty() ? propertyName : path);
            parser.skipChildren();
            return true;
        }
    }
}
