package dev.caracal.deploy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The fields of a parsed object that its kind does not define. The fabric8 model does not refuse them: it keeps each in
 * the {@code additionalProperties} of the object it appeared in, so a misspelt {@code readinesProbe} parses. This walks
 * the model's own fields (those Jackson maps) and reports every such entry by its path.
 */
final class UnknownFields {

    private UnknownFields() {
    }

    static List<String> of(Object object) {
        List<String> unknown = new ArrayList<>();
        walk(object, "", unknown);
        return unknown;
    }

    private static void walk(Object value, String path, List<String> unknown) {
        switch (value) {
            case null -> {
            }
            case Map<?, ?> map -> map.forEach((key, entry) -> walk(entry, path + "." + key, unknown));
            case Collection<?> items -> {
                int index = 0;
                for (Object item : items) {
                    walk(item, path + "[" + index++ + "]", unknown);
                }
            }
            default -> {
                if (value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
                    fields(value, path, unknown);
                }
            }
        }
    }

    private static void fields(Object object, String path, List<String> unknown) {
        for (Class<?> type = object.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                JsonProperty property = field.getAnnotation(JsonProperty.class);
                boolean extra = field.getName().equals("additionalProperties");
                if (property == null && !extra) {
                    continue;
                }
                field.setAccessible(true);
                Object value;
                try {
                    value = field.get(object);
                } catch (IllegalAccessException impossible) {
                    throw new IllegalStateException(impossible);
                }
                if (extra) {
                    if (value instanceof Map<?, ?> map) {
                        map.keySet().forEach(key -> unknown.add((path.isEmpty() ? "" : path.substring(1) + ".")
                                + key));
                    }
                } else {
                    walk(value, path + "." + property.value(), unknown);
                }
            }
        }
    }
}
