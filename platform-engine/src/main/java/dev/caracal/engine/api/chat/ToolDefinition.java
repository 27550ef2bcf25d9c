package dev.caracal.engine.api.chat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A function the model may call: its name, what it does, and the JSON schema of its arguments object.
 *
 * @param name             1 to 64 letters, digits, underscores or dashes (OpenAI's rule)
 * @param description      what the function does, for the model; may be null
 * @param parametersSchema the JSON schema of the arguments object as JSON text; null for a function without arguments
 */
public record ToolDefinition(String name, String description, String parametersSchema) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The schema of a function without arguments: an empty object. */
    public static final String NO_PARAMETERS =
            "{\"type\": \"object\", \"properties\": {}, \"additionalProperties\": false}";

    /**
     * @throws IllegalArgumentException when the name breaks the rule or the schema is not a JSON object
     */
    public ToolDefinition {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a tool's name must be 1 to 64 letters, digits, underscores or dashes,"
                    + " was " + (name == null ? "missing" : "'" + name + "'"));
        }
        if (parametersSchema == null || parametersSchema.isBlank()) {
            parametersSchema = NO_PARAMETERS;
        }
        schemaAsMap(name, parametersSchema);
    }

    /** The tool as a chat template receives it: {@code {type: "function", function: {name, description, parameters}}}. */
    public Map<String, Object> asTemplateTool() {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", name);
        if (description != null) {
            function.put("description", description);
        }
        function.put("parameters", schemaAsMap(name, parametersSchema));
        Map<String, Object> tool = new LinkedHashMap<>();
        tool.put("type", "function");
        tool.put("function", function);
        return tool;
    }

    private static Map<String, Object> schemaAsMap(String name, String schema) {
        try {
            return JSON.readValue(schema, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JacksonException notAnObject) {
            throw new IllegalArgumentException("the parameters of tool '" + name + "' must be a JSON schema object: "
                    + notAnObject.getOriginalMessage());
        }
    }
}
