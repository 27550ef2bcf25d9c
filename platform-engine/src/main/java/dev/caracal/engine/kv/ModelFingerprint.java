package dev.caracal.engine.kv;

import dev.caracal.api.kv.KvCacheSpec;
import dev.caracal.formats.ModelDescription;
import dev.caracal.formats.TensorView;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * What identifies a model's KV for prefix caching: a SHA-256 over its metadata, its tensor table (names, formats,
 * shapes), its file size, the first {@value #SAMPLE_BYTES} bytes of every tensor and the KV layout (layers, heads, head
 * size, dtype, block size). Not every weight byte: two files that agree on all of this but differ deeper inside a
 * tensor would share cached KV, which a changed fine-tune or re-quantization never does in practice (its metadata,
 * formats or first bytes differ), while hashing gigabytes at every start would.
 */
public final class ModelFingerprint {

    /** Bytes read from the start of each tensor. */
    public static final int SAMPLE_BYTES = 4096;

    private ModelFingerprint() {
    }

    /**
     * The fingerprint of {@code description} (read with {@code metadata} from a file or directory of {@code fileBytes}
     * bytes) when its KV is stored as {@code kvLayout}.
     */
    public static byte[] of(ModelDescription description, Map<String, String> metadata, long fileBytes,
            KvCacheSpec kvLayout) {
        MessageDigest digest = BlockHasher.sha256();
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            text(digest, entry.getKey());
            text(digest, entry.getValue());
        }
        digest.update(number(fileBytes));
        digest.update(number(description.tensors().size()));
        for (TensorView tensor : description.tensors()) {
            text(digest, tensor.name());
            text(digest, tensor.format().name());
            for (long dimension : tensor.shape()) {
                digest.update(number(dimension));
            }
            MemorySegment data = tensor.data();
            byte[] sample = data.asSlice(0, Math.min(SAMPLE_BYTES, data.byteSize())).toArray(ValueLayout.JAVA_BYTE);
            digest.update(number(sample.length));
            digest.update(sample);
        }
        text(digest, kvLayout.toString());
        return digest.digest();
    }

    private static void text(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(number(bytes.length));
        digest.update(bytes);
    }

    private static byte[] number(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }
}
