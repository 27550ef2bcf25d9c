package dev.caracal.api.backend;

/**
 * The {@link java.util.ServiceLoader} entry point of a hardware backend: says whether it can run here and opens it.
 * Registered in {@code META-INF/services/dev.caracal.api.backend.BackendProvider}.
 */
public interface BackendProvider {

    /** Short name ({@code cpu}, {@code cuda}, {@code reference}). */
    String name();

    /** Whether the backend can run here; never throws. */
    Availability probe();

    /** Preference among available backends: the highest score wins. */
    int score();

    /**
     * Opens the backend.
     *
     * @throws IllegalStateException when {@link #probe()} says it is unavailable
     */
    Backend open(BackendOptions options);
}
