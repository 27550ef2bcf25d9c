package dev.caracal.api.kernel;

/**
 * How rotary position embeddings are applied to each attention head.
 *
 * @param headSize       values per head
 * @param dimensionCount how many leading dimensions of each head are rotated (usually {@code headSize})
 * @param frequencyBase  theta: dimension pair {@code i} turns at {@code position * base^(-2i / dimensionCount)}
 * @param neox           NeoX layout (pairs {@code (i, i + dimensionCount/2)}, Qwen) instead of normal (pairs
 *                       {@code (2i, 2i + 1)}, Llama in GGUF layout)
 * @param scaling        Llama 3 frequency scaling, or null
 * @param frequencyFactors per-pair divisors of the frequency (GGUF's {@code rope_freqs.weight}, how llama.cpp stores
 *                       Llama 3 scaling), or null; when given, {@code scaling} is not applied again
 */
public record RopeSpec(int headSize, int dimensionCount, float frequencyBase, boolean neox, Llama3Scaling scaling,
        float[] frequencyFactors) {

    /** A rope without stored frequency factors. */
    public RopeSpec(int headSize, int dimensionCount, float frequencyBase, boolean neox, Llama3Scaling scaling) {
        this(headSize, dimensionCount, frequencyBase, neox, scaling, null);
    }

    public RopeSpec {
        if (dimensionCount <= 0 || dimensionCount > headSize || dimensionCount % 2 != 0) {
            throw new IllegalArgumentException("rope over " + dimensionCount + " of " + headSize + " dimensions");
        }
        if (frequencyFactors != null && frequencyFactors.length != dimensionCount / 2) {
            throw new IllegalArgumentException("rope frequency factors: " + frequencyFactors.length + " for "
                    + dimensionCount / 2 + " dimension pairs");
        }
    }

    /**
     * Llama 3 rope scaling ({@code rope_type: llama3}): wavelengths longer than {@code originalContextLength /
     * lowFrequencyFactor} are divided by {@code factor}, shorter than {@code originalContextLength /
     * highFrequencyFactor} are kept, and those between are interpolated smoothly.
     */
    public record Llama3Scaling(float factor, float lowFrequencyFactor, float highFrequencyFactor,
            int originalContextLength) {
    }

    /**
     * The rotation frequency of dimension pair {@code pair} (0 ≤ pair < dimensionCount / 2), in radians per position,
     * with Llama 3 scaling applied. The one definition every backend uses.
     */
    public float frequency(int pair) {
        double frequency = Math.pow(frequencyBase, -2.0 * pair / dimensionCount);
        if (frequencyFactors != null) {
            return (float) (frequency / frequencyFactors[pair]);
        }
        if (scaling != null) {
            double wavelength = 2 * Math.PI / frequency;
            double lowWavelength = scaling.originalContextLength() / scaling.lowFrequencyFactor();
            double highWavelength = scaling.originalContextLength() / scaling.highFrequencyFactor();
            if (wavelength > lowWavelength) {
                frequency /= scaling.factor();
            } else if (wavelength >= highWavelength) {
                double smooth = (scaling.originalContextLength() / wavelength - scaling.lowFrequencyFactor())
                        / (scaling.highFrequencyFactor() - scaling.lowFrequencyFactor());
                frequency = (1 - smooth) * frequency / scaling.factor() + smooth * frequency;
            }
        }
        return (float) frequency;
    }
}
