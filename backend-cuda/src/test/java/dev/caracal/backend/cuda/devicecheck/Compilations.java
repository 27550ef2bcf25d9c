package dev.caracal.backend.cuda.devicecheck;

import dev.caracal.api.backend.Backend;
import dev.caracal.backend.cuda.devicecheck.DeviceCheck.Json;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The programs a backend compiled, for backends that compile per shape (the XLA backend's {@code compilations()}, a
 * list of records with a {@code bucket} and its {@code nanoseconds}), read reflectively because this check's class
 * path has the XLA backend only at run time; an empty list for other backends.
 */
final class Compilations {

    private Compilations() {
    }

    /** The compilations so far, as {@code [bucket, milliseconds]} pairs. */
    static List<Map.Entry<String, Double>> of(Backend backend) {
        Method method = method(backend);
        if (method == null) {
            return List.of();
        }
        List<Map.Entry<String, Double>> compiled = new ArrayList<>();
        try {
            for (Object record : (List<?>) method.invoke(backend)) {
                String bucket = "?";
                double milliseconds = Double.NaN;
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    Object value = component.getAccessor().invoke(record);
                    switch (component.getName()) {
                        case "bucket" -> bucket = String.valueOf(value);
                        case "nanoseconds" -> milliseconds = ((Number) value).doubleValue() / 1e6;
                        default -> { }
                    }
                }
                compiled.add(Map.entry(bucket, milliseconds));
            }
        } catch (ReflectiveOperationException | ClassCastException unreadable) {
            throw new IllegalStateException("cannot read " + backend.getClass().getName() + ".compilations()",
                    unreadable);
        }
        return compiled;
    }

    /** Emits the compilations made since the first {@code before} of them, during {@code phase}. */
    static void report(Backend backend, int before, String phase, Map<String, Object> common, Json json) {
        if (method(backend) == null) {
            return;
        }
        List<Map.Entry<String, Double>> all = of(backend);
        List<Map.Entry<String, Double>> fresh = all.subList(Math.min(before, all.size()), all.size());
        double total = 0;
        for (Map.Entry<String, Double> compilation : fresh) {
            Map<String, Object> line = new LinkedHashMap<>(common);
            line.putAll(Json.object("event", "compile", "phase", phase, "bucket", compilation.getKey(),
                    "milliseconds", compilation.getValue()));
            json.emit(line);
            total += compilation.getValue();
        }
        Map<String, Object> line = new LinkedHashMap<>(common);
        line.putAll(Json.object("event", "compile-phase", "phase", phase, "compiled", fresh.size(),
                "milliseconds", total, "programs", all.size()));
        json.emit(line);
        System.out.printf(Locale.ROOT, "  %s: %d programs compiled in %.0f ms (%d in all)%n", phase, fresh.size(),
                total, all.size());
    }

    /** The backend's public {@code compilations()}, or null when it has none. */
    private static Method method(Backend backend) {
        try {
            return backend.getClass().getMethod("compilations");
        } catch (NoSuchMethodException absent) {
            return null;
        }
    }
}
