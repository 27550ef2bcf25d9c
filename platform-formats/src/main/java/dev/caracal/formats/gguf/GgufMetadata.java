package dev.caracal.formats.gguf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/** The key/value metadata of a GGUF file, in file order, with typed look-ups. */
public final class GgufMetadata {

    private final Map<String, GgufValue> values;

    public GgufMetadata(Map<String, GgufValue> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Every entry, in file order. */
    public Map<String, GgufValue> asMap() {
        return values;
    }

    public Set<String> keys() {
        return values.keySet();
    }

    public boolean contains(String key) {
        return values.containsKey(key);
    }

    public Optional<GgufValue> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The string at {@code key}, if present and a string. */
    public Optional<String> findString(String key) {
        return get(key).filter(value -> value.type() == GgufValueType.STRING).map(value -> (String) value.value());
    }

    /** The integer at {@code key} (any integer type), if present. */
    public Optional<Long> findLong(String key) {
        return get(key).filter(GgufValue::isInteger).map(GgufValue::asLong);
    }

    /** The number at {@code key} (any number type), if present. */
    public Optional<Double> findDouble(String key) {
        return get(key).filter(value -> value.type() != GgufValueType.STRING
                        && value.type() != GgufValueType.ARRAY
                        && value.type() != GgufValueType.BOOL)
                .map(GgufValue::asDouble);
    }

    /** The boolean at {@code key}, if present. */
    public Optional<Boolean> findBoolean(String key) {
        return get(key).filter(value -> value.type() == GgufValueType.BOOL).map(value -> (Boolean) value.value());
    }

    /** The array at {@code key}, if present. */
    public Optional<GgufArray> findArray(String key) {
        return get(key).filter(value -> value.type() == GgufValueType.ARRAY).map(value -> (GgufArray) value.value());
    }

    /** The string at {@code key}; fails naming the key when it is missing or not a string. */
    public String requireString(String key) {
        return findString(key).orElseThrow(() -> missing(key, "string"));
    }

    /** The integer at {@code key}; fails naming the key when it is missing or not an integer. */
    public long requireLong(String key) {
        return findLong(key).orElseThrow(() -> missing(key, "integer"));
    }

    private NoSuchElementException missing(String key, String what) {
        return new NoSuchElementException(
                "GGUF metadata " + (values.containsKey(key) ? "key " + key + " is a " + values.get(key).type()
                        + ", not a " + what : "has no key " + key));
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
