package dev.caracal.backend.xla.program;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Ops' attribute texts, kept by their form and the numbers that decide them, shared by every builder in the process: a
 * decode step's thousands of attributes are written the first time only, and equal attributes are one string, which
 * compares by identity when a step's program is looked up.
 */
final class AttributeTexts {

    /** Enough for every shape bucket of several models; past it, texts are written each time and not kept. */
    private static final int LIMIT = 100_000;

    private static final Map<Key, String> TEXTS = new ConcurrentHashMap<>();

    private AttributeTexts() {
    }

    /** An attribute's form (which op writes it how) and its numbers. */
    private record Key(String form, long[] numbers) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.form.equals(form) && Arrays.equals(key.numbers, numbers);
        }

        @Override
        public int hashCode() {
            return 31 * form.hashCode() + Arrays.hashCode(numbers);
        }
    }

    /**
     * The text {@code writer} writes for {@code form} and {@code numbers}, which must decide it: written the first
     * time, then the same string.
     */
    static String of(String form, long[] numbers, Supplier<String> writer) {
        Key key = new Key(form, numbers);
        String text = TEXTS.get(key);
        if (text == null) {
            text = writer.get();
            if (TEXTS.size() < LIMIT) {
                String earlier = TEXTS.putIfAbsent(new Key(form, numbers.clone()), text);
                text = earlier == null ? text : earlier;
            }
        }
        return text;
    }

    /** {@code values} as longs. */
    static long[] longs(int... values) {
        long[] longs = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            longs[i] = values[i];
        }
        return longs;
    }

    /** The arrays one after another, each after its length (so that the numbers decide where each ends). */
    static long[] joined(int[]... arrays) {
        int size = 0;
        for (int[] array : arrays) {
            size += 1 + array.length;
        }
        long[] joined = new long[size];
        int next = 0;
        for (int[] array : arrays) {
            joined[next++] = array.length;
            for (int value : array) {
                joined[next++] = value;
            }
        }
        return joined;
    }
}
