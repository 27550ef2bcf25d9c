package dev.caracal.api.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds backends through {@link ServiceLoader}, probes them, and opens the one asked for or the best available. */
public final class BackendRegistry {

    /** A provider found on the class path, with what its probe said. */
    public record Entry(BackendProvider provider, Availability availability) {
    }

    private BackendRegistry() {
    }

    /** Every provider on the class path with its probe result, best score first. */
    public static List<Entry> discover() {
        List<Entry> entries = new ArrayList<>();
        for (BackendProvider provider : ServiceLoader.load(BackendProvider.class)) {
            Availability availability;
            try {
                availability = provider.probe();
            } catch (RuntimeException | LinkageError failure) {
                availability = Availability.unavailable("probe failed: " + failure);
            }
            entries.add(new Entry(provider, availability));
        }
        entries.sort(Comparator.comparingInt((Entry entry) -> entry.provider().score()).reversed());
        return entries;
    }

    /**
     * Opens the backend named {@code name}, or the best available one when {@code name} is null or {@code auto}.
     *
     * @throws IllegalStateException naming what was found and why each is unavailable, when none fits
     */
    public static Backend open(String name, BackendOptions options) {
        List<Entry> entries = discover();
        boolean any = name == null || name.isBlank() || name.equals("auto");
        Optional<Entry> chosen = entries.stream()
                .filter(entry -> any || entry.provider().name().equals(name))
                .filter(entry -> entry.availability().available())
                .findFirst();
        if (chosen.isPresent()) {
            return chosen.get().provider().open(options);
        }
        StringBuilder message = new StringBuilder(any ? "no backend is available" : "backend " + name
                + " is not available");
        if (entries.isEmpty()) {
            message.append("; none is on the class path");
        }
        for (Entry entry : entries) {
            message.append("; ").append(entry.provider().name()).append(": ")
                    .append(entry.availability().available() ? "available"
                            : String.join(", ", entry.availability().reasons()));
        }
        throw new IllegalStateException(message.toString());
    }
}
