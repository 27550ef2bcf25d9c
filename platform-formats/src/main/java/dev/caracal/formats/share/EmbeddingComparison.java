package dev.caracal.formats.share;

import dev.caracal.api.quant.QuantCodecs;
import dev.caracal.formats.gguf.GgufFile;
import dev.caracal.formats.gguf.GgufTensorInfo;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a model's output matrix relates to its token embedding: absent (the output already reuses the embedding),
 * identical (the same format and bytes), different by a relative amount, or not tieable (no embedding, or another
 * shape).
 *
 * @param state              which of these
 * @param relativeDifference ‖output − embedding‖ / ‖output‖ over the decoded values (Frobenius norms); 0 when
 *                           identical, NaN when absent or not tieable
 */
public record EmbeddingComparison(State state, double relativeDifference) {

    /** The relation. */
    public enum State {
        /** No {@code output.weight}: the output reuses the embedding already. */
        ALREADY_TIED,
        /** {@code output.weight} has the embedding's format, shape and bytes. */
        IDENTICAL,
        /** Both exist with one shape and differ. */
        DIFFERENT,
        /** No {@code token_embd.weight}, or one of another shape than {@code output.weight}. */
        NOT_TIEABLE
    }

    /** Compares the output matrix of {@code file} with its token embedding. */
    public static EmbeddingComparison of(GgufFile file) {
        Optional<GgufTensorInfo> output = file.tensor(GgufWeightSharing.OUTPUT);
        Optional<GgufTensorInfo> embedding = file.tensor(GgufWeightSharing.EMBEDDING);
        if (output.isEmpty()) {
            return new EmbeddingComparison(State.ALREADY_TIED, Double.NaN);
        }
        if (embedding.isEmpty() || !Arrays.equals(output.get().dimensions(), embedding.get().dimensions())) {
            return new EmbeddingComparison(State.NOT_TIEABLE, Double.NaN);
        }
        if (output.get().format() == embedding.get().format()
                && file.tensorData(output.get()).mismatch(file.tensorData(embedding.get())) == -1) {
            return new EmbeddingComparison(State.IDENTICAL, 0);
        }
        float[] outputValues = decode(file, output.get());
        float[] embeddingValues = decode(file, embedding.get());
        double difference = 0;
        double norm = 0;
        for (int i = 0; i < outputValues.length; i++) {
            double delta = (double) outputValues[i] - embeddingValues[i];
            difference += delta * delta;
            norm += (double) outputValues[i] * outputValues[i];
        }
        return new EmbeddingComparison(State.DIFFERENT,
                norm == 0 ? Double.POSITIVE_INFINITY : Math.sqrt(difference / norm));
    }

    /** In words, for a report: "already tied", "identical", "different (relative difference 0.0123)". */
    public String describe() {
        return switch (state) {
            case ALREADY_TIED -> "already tied (no " + GgufWeightSharing.OUTPUT + ")";
            case IDENTICAL -> "identical to " + GgufWeightSharing.EMBEDDING;
            case DIFFERENT -> String.format(Locale.ROOT, "differs from %s by %.4g (relative)",
                    GgufWeightSharing.EMBEDDING, relativeDifference);
            case NOT_TIEABLE -> "not tieable (no " + GgufWeightSharing.EMBEDDING + " of its shape)";
        };
    }

    private static float[] decode(GgufFile file, GgufTensorInfo tensor) {
        int count = Math.toIntExact(tensor.elementCount());
        float[] values = new float[count];
        QuantCodecs.of(tensor.format()).dequantize(file.tensorData(tensor), 0, values, 0, count);
        return values;
    }
}
