package dev.caracal.engine.api;

import dev.caracal.api.backend.BackendRegistry;

/**
 * Why a model runs on its backend: says so in the log when it is a slower backend than it could be (and how to get the
 * faster one), and in words for the model's summary.
 */
final class BackendChoice {

    private static final System.Logger LOG = System.getLogger(BackendChoice.class.getName());

    private BackendChoice() {
    }

    /**
     * Why {@code chosen} runs the model: {@code configured}, or {@code the best available} followed by every backend
     * found, with its score and, if unavailable, why.
     */
    static String choice(String chosen, String preference) {
        if (preference != null && !preference.isBlank() && !preference.equals("auto")) {
            return "configured (backend: " + preference + ")";
        }
        StringBuilder found = new StringBuilder("the best available of");
        String separator = " ";
        for (BackendRegistry.Entry entry : BackendRegistry.discover()) {
            found.append(separator).append(entry.provider().name()).append(" (score ")
                    .append(entry.provider().score()).append(entry.availability().available() ? ""
                            : ", unavailable: " + String.join("; ", entry.availability().reasons())).append(')');
            separator = ", ";
        }
        return found.toString();
    }

    /**
     * When the backend was chosen automatically, tells of every better-scored backend that is unavailable: a warning
     * with the JVM flags when a flag would make it available, a line of information otherwise (no GPU here).
     */
    static void warnIfSlower(String chosen, String preference) {
        if (preference != null && !preference.isBlank() && !preference.equals("auto")) {
            return;
        }
        var entries = BackendRegistry.discover();
        int chosenScore = entries.stream().filter(entry -> entry.provider().name().equals(chosen))
                .mapToInt(entry -> entry.provider().score()).findFirst().orElse(Integer.MIN_VALUE);
        for (BackendRegistry.Entry entry : entries) {
            if (entry.provider().score() > chosenScore && !entry.availability().available()) {
                String reasons = String.join("; ", entry.availability().reasons());
                if (reasons.contains("start the JVM with")) { // a flag away: worth a warning and the hint
                    LOG.log(System.Logger.Level.WARNING, "backend " + entry.provider().name() + " is unavailable ("
                            + reasons + "), so models run on the slower backend " + chosen + ". bin/caracal starts"
                            + " Java with the flags every backend needs: --add-modules jdk.incubator.vector"
                            + " --enable-native-access=ALL-UNNAMED");
                } else { // hardware or libraries this machine does not have
                    LOG.log(System.Logger.Level.INFO, "backend " + entry.provider().name() + " is unavailable ("
                            + reasons + "); models run on " + chosen);
                }
            }
        }
    }
}
