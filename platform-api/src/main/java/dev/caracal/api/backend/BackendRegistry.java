package dev.caracal.api.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Finds backends through {@link ServiceLoader}, probes them, and opens the one asked for or the best available. */
public final class BackendRegistry {

    private static final System.Logger LOG = System.getLogger(BackendRegistry.class.getName());

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
     * Opens the backend named {@code name}, or the best available one when {@code name} is null or {@code auto}: an
     * available backend that fails to open (a driver rejecting the kernels) is logged at WARNING and the next one
     * tried; a named one's failure is thrown.
     *
     * @throws IllegalStateException naming what was found and why each is unavailable, when none fits
     */
    public static Backend open(String name, BackendOptions options) {
        return open(name, options, discover());
    }

    /** {@link #open(String, BackendOptions)} among {@code entries}, best first. */
    static Backend open(String name, BackendOptions options, List<Entry> entries) {
        boolean any = name == null || name.isBlank() || name.equals("auto");
        Map<String, String> openFailures = new LinkedHashMap<>();
        List<Throwable> failures = new ArrayList<>();
        for (Entry entry : entries) {
            if (!(any || entry.provider().name().equals(name)) || !entry.availability().available()) {
                continue;
            }
            try {
                return entry.provider().open(options);
            } catch (RuntimeException | LinkageError failure) {
                if (!any) {
                    throw failure;
                }
                LOG.log(System.Logger.Level.WARNING, "backend {0} is available but did not open ({1}); trying the"
                        + " next one", entry.provider().name(), failure.toString());
                openFailures.put(entry.provider().name(), failure.toString());
                failures.add(failure);
            }
        }
        StringBuilder message = new StringBuilder(any ? "no backend is available" : "backend " + name
                + " is not available");
        if (entries.isEmpty()) {
            message.append("; none is on the class path");
        }
        for (Entry entry : entries) {
            String failure = openFailures.get(entry.provider().name());
            message.append("; ").append(entry.provider().name()).append(": ")
                    .append(failure != null ? "did not open: " + failure
                            : entry.availability().available() ? "available"
                            : String.join(", ", entry.availability().reasons()));
        }
        IllegalStateException none = new IllegalStateException(message.toString());
        failures.forEach(none::addSuppressed);
        throw none;
    }
}
