package dev.caracal.api.backend;

import java.util.Map;

/**
 * One device a backend computes on.
 *
 * @param name        for people ({@code CPU (2 threads, AVX-512)}, {@code NVIDIA H100})
 * @param kind        {@code cpu}, {@code gpu}, {@code tpu}
 * @param memoryBytes memory it can use, or -1 when unknown
 * @param details     other facts
 */
public record DeviceInfo(String name, String kind, long memoryBytes, Map<String, String> details) {

    public DeviceInfo {
        details = Map.copyOf(details);
    }
}
