package dev.caracal.formats.template.jinja;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tool call's arguments: a dictionary to templates that write it with {@code | tojson}, and its JSON text to
 * templates that join it to a string (as DeepSeek's and Functionary's do, which expect the OpenAI API's string).
 */
final class JsonTextMap extends LinkedHashMap<String, Object> {

    private static final long serialVersionUID = 1L;

    JsonTextMap(Object arguments) {
        if (arguments instanceof Map<?, ?> map) {
            map.forEach((key, value) -> put(String.valueOf(key), value));
        }
    }

    @Override
    public String toString() {
        return PythonValues.json(this, null, null, null, false);
    }
}
