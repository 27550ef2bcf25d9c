package dev.caracal.api.kv;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where one model's KV blocks live in a {@link KvBlockStore}: the model's fingerprint (its weights and KV layout, so
 * blocks are shared only between instances that would compute the same values) and the shape of a block's bytes.
 *
 * @param modelFingerprint a digest of the model's weights and KV layout
 * @param spec             the layout of each block's bytes
 */
public record KvBlockNamespace(byte[] modelFingerprint, KvCacheSpec spec) {

    public KvBlockNamespace {
        modelFingerprint = modelFingerprint.clone();
        Objects.requireNonNull(spec, "spec");
        if (modelFingerprint.length == 0) {
            throw new IllegalArgumentException("a KV block namespace needs a model fingerprint");
        }
    }

    @Override
    public byte[] modelFingerprint() {
        return modelFingerprint.clone();
    }

    /** The fingerprint as lower-case hex digits. */
    public String fingerprintHex() {
        return HexFormat.of().formatHex(modelFingerprint);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KvBlockNamespace that && Arrays.equals(modelFingerprint, that.modelFingerprint)
                && spec.equals(that.spec);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(modelFingerprint) + spec.hashCode();
    }

    @Override
    public String toString() {
        return "KvBlockNamespace[" + fingerprintHex() + ", " + spec + "]";
    }
}
