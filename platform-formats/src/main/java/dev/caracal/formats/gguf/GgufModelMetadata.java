package dev.caracal.formats.gguf;

import dev.caracal.formats.ModelConfig;
import dev.caracal.formats.ModelConfig.RopeScaling;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The general and architecture metadata of a Llama-family GGUF (llama, qwen2, qwen3), with the keys llama.cpp reads and
 * llama.cpp's converter writes, built from a {@link ModelConfig}; shared by every writer of whole models.
 */
public final class GgufModelMetadata {

    /** {@code GGML_QNT_VERSION}, the version of the block layouts, written as {@code general.quantization_version}. */
    public static final int QUANTIZATION_VERSION = 2;

    private GgufModelMetadata() {
    }

    /**
     * The {@code general.*} and {@code <architecture>.*} keys, in the order llama.cpp's tools write them; key and
     * value lengths only where the head size is not width / heads (llama.cpp's default).
     *
     * @param name     {@code general.name}
     * @param config   the hyperparameters
     * @param fileType {@code general.file_type}, llama.cpp's {@code llama_ftype}
     */
    public static Map<String, GgufValue> keys(String name, ModelConfig config, int fileType) {
        String architecture = config.architecture();
        Map<String, GgufValue> metadata = new LinkedHashMap<>();
        metadata.put("general.architecture", GgufValue.ofString(architecture));
        metadata.put("general.name", GgufValue.ofString(name));
        metadata.put(GgufFile.ALIGNMENT_KEY, GgufValue.ofUint32(GgufFile.DEFAULT_ALIGNMENT));
        metadata.put("general.file_type", GgufValue.ofUint32(fileType));
        metadata.put("general.quantization_version", GgufValue.ofUint32(QUANTIZATION_VERSION));
        metadata.put(architecture + ".vocab_size", GgufValue.ofUint32(config.vocabularySize()));
        metadata.put(architecture + ".context_length", GgufValue.ofUint32(config.contextLength()));
        metadata.put(architecture + ".embedding_length", GgufValue.ofUint32(config.embeddingLength()));
        metadata.put(architecture + ".block_count", GgufValue.ofUint32(config.blockCount()));
        metadata.put(architecture + ".feed_forward_length", GgufValue.ofUint32(config.feedForwardLength()));
        metadata.put(architecture + ".attention.head_count", GgufValue.ofUint32(config.headCount()));
        metadata.put(architecture + ".attention.head_count_kv", GgufValue.ofUint32(config.headCountKv()));
        if (config.keyLength() * config.headCount() != config.embeddingLength()) {
            metadata.put(architecture + ".attention.key_length", GgufValue.ofUint32(config.keyLength()));
            metadata.put(architecture + ".attention.value_length", GgufValue.ofUint32(config.keyLength()));
        }
        metadata.put(architecture + ".attention.layer_norm_rms_epsilon", GgufValue.ofFloat32(config.rmsNormEpsilon()));
        metadata.put(architecture + ".rope.freq_base", GgufValue.ofFloat32(config.ropeFrequencyBase()));
        metadata.put(architecture + ".rope.dimension_count", GgufValue.ofUint32(config.ropeDimensionCount()));
        return metadata;
    }

    /**
     * Llama 3's frequency factors as llama.cpp's converter computes them ({@code LlamaModel.generate_extra_tensors} in
     * {@code convert_hf_to_gguf.py}) for the {@code rope_freqs.weight} tensor: for each rotated pair, 1 for short
     * wavelengths, {@code factor} for long ones, a smooth blend between; llama.cpp divides each rotary frequency by
     * its factor.
     */
    public static float[] llama3RopeFactors(RopeScaling scaling, float base, int headSize) {
        float[] factors = new float[headSize / 2];
        double lowWavelength = scaling.originalContextLength() / scaling.lowFrequencyFactor();
        double highWavelength = scaling.originalContextLength() / scaling.highFrequencyFactor();
        for (int i = 0; i < factors.length; i++) {
            float frequency = (float) (1.0 / Math.pow(base, (2.0 * i) / headSize));
            double wavelength = 2 * Math.PI / frequency;
            if (wavelength < highWavelength) {
                factors[i] = 1f;
            } else if (wavelength > lowWavelength) {
                factors[i] = scaling.factor();
            } else {
                double smooth = (scaling.originalContextLength() / wavelength - scaling.lowFrequencyFactor())
                        / (scaling.highFrequencyFactor() - scaling.lowFrequencyFactor());
                factors[i] = (float) (1 / ((1 - smooth) / scaling.factor() + smooth));
            }
        }
        return factors;
    }
}
