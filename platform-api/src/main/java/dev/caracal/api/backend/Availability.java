package dev.caracal.api.backend;

import java.util.List;
import java.util.Map;

/**
 * Whether a backend can run here, and if not, why (ggml's registry reports the same).
 *
 * @param available true when {@link BackendProvider#open} will work
 * @param reasons   why it is unavailable (empty when available)
 * @param details   facts worth showing a person (vector width, device names, library versions)
 */
public record Availability(boolean available, List<String> reasons, Map<String, String> details) {

    public Availability {
        reasons = List.copyOf(reasons);
        details = Map.copyOf(details);
    }

    public static Availability available(Map<String, String> details) {
        return new Availability(true, List.of(), details);
    }

    public static Availability unavailable(String... reasons) {
        return new Availability(false, List.of(reasons), Map.of());
    }
}
