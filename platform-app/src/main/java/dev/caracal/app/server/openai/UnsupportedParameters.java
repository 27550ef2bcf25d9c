package dev.caracal.app.server.openai;

import dev.caracal.app.server.error.OpenAiException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI parameters Caracal knows but does not support yet. A request that uses one (with a value other than its
 * "off" value) is refused with a 400 that names it, never silently served without it; with the "off" value the field
 * is accepted and dropped. Fields no table here names and no request record binds are ignored with a warning.
 */
final class UnsupportedParameters {

    /** Field → whether its value is one Caracal can honour (by doing nothing). */
    private static final Map<String, Predicate<JsonNode>> CHAT = Map.ofEntries(
            Map.entry("functions", UnsupportedParameters::emptyList),
            Map.entry("function_call", value -> isNull(value) || isString(value, "none", "auto")),
            Map.entry("modalities", value -> isNull(value)
                    || value.isArray() && value.size() == 1 && isString(value.get(0), "text")),
            Map.entry("audio", UnsupportedParameters::isNull),
            Map.entry("prediction", UnsupportedParameters::isNull),
            Map.entry("web_search_options", UnsupportedParameters::isNull),
            Map.entry("reasoning_effort", UnsupportedParameters::isNull),
            Map.entry("verbosity", UnsupportedParameters::isNull),
            Map.entry("store", value -> isNull(value) || value.isBoolean() && !value.booleanValue()),
            Map.entry("metadata", value -> true),
            Map.entry("service_tier", value -> isNull(value) || isString(value, "auto", "default")),
            Map.entry("prompt_cache_key", value -> true),
            Map.entry("safety_identifier", value -> true));

    private static final Map<String, Predicate<JsonNode>> COMPLETION = Map.ofEntries(
            Map.entry("echo", value -> isNull(value) || value.isBoolean() && !value.booleanValue()),
            Map.entry("suffix", UnsupportedParameters::isNull),
            Map.entry("best_of", value -> isNull(value)
                    || value.isIntegralNumber() && value.canConvertToInt() && value.intValue() <= 1),
            Map.entry("service_tier", value -> isNull(value) || isString(value, "auto", "default")));

    /** Message fields of the legacy function calling, which Caracal does not support (tools replace it). */
    private static final List<String> MESSAGE_TOOL_FIELDS = List.of("function_call");

    private UnsupportedParameters() {
    }

    /** Refuses unsupported chat parameters, then drops the accepted ones that Caracal does not bind. */
    static void checkChat(ObjectNode body) {
        check(body, CHAT);
        JsonNode messages = body.get("messages");
        if (messages != null && messages.isArray()) {
            for (int i = 0; i < messages.size(); i++) {
                JsonNode message = messages.get(i);
                for (String field : MESSAGE_TOOL_FIELDS) {
                    if (message.isObject() && !isNull(message.get(field))
                            && !(message.get(field).isArray() && message.get(field).isEmpty())) {
                        throw OpenAiException.unsupported("messages[" + i + "]." + field,
                                "`messages[" + i + "]." + field + "` (legacy function calling; use tools)");
                    }
                    if (message instanceof ObjectNode object) {
                        object.remove(field);
                    }
                }
            }
        }
    }

    /** Refuses unsupported completion parameters, then drops the accepted ones that Caracal does not bind. */
    static void checkCompletion(ObjectNode body) {
        check(body, COMPLETION);
    }

    private static void check(ObjectNode body, Map<String, Predicate<JsonNode>> table) {
        table.forEach((field, acceptable) -> {
            JsonNode value = body.get(field);
            if (value != null && !acceptable.test(value)) {
                throw OpenAiException.unsupported(field, "`" + field + "` with the value " + abbreviate(value));
            }
            body.remove(field);
        });
    }

    private static String abbreviate(JsonNode value) {
        String text = value.toString();
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private static boolean isNull(JsonNode value) {
        return value == null || value.isNull();
    }

    private static boolean emptyList(JsonNode value) {
        return isNull(value) || value.isArray() && value.isEmpty();
    }

    private static boolean isString(JsonNode value, String... allowed) {
        return value != null && value.isString() && List.of(allowed).contains(value.stringValue());
    }
}
