package dev.caracal.engine.structured;

import java.util.Arrays;

/** Collects the configurations a step leads to, each once, and makes the resulting state. */
final class Configurations {

    private Configuration[] found = new Configuration[2];
    private int size;

    /**
     * Adds the configuration of {@code leaf} followed by {@code next}; a leaf that is complete and takes no more bytes
     * is left at once, so what follows it is added instead.
     */
    void add(GrammarState leaf, Continuation next) {
        if (leaf.isComplete() && leaf.isClosed()) {
            next.resume(Element.NO_BYTE, this);
        } else {
            addUnique(new Configuration(leaf, next));
        }
    }

    /** Adds {@code configuration} unless an equal one is here. */
    void addUnique(Configuration configuration) {
        for (int i = 0; i < size; i++) {
            if (found[i].equals(configuration)) {
                return;
            }
        }
        if (size == found.length) {
            found = Arrays.copyOf(found, size * 2);
        }
        found[size++] = configuration;
    }

    /** The state of everything collected: null for nothing, the configuration itself for one. */
    GrammarState toState() {
        return switch (size) {
            case 0 -> null;
            case 1 -> found[0];
            default -> new ConfigurationSet(Arrays.copyOf(found, size));
        };
    }
}
