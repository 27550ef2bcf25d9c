package dev.caracal.api.quant;

import dev.caracal.api.tensor.QuantFormat;

/** Finds the scalar reference {@link QuantCodec} of each {@link QuantFormat}. */
public final class QuantCodecs {

    private QuantCodecs() {
    }

    /** The reference codec for {@code format}. */
    public static QuantCodec of(QuantFormat format) {
        return switch (format) {
            case F32 -> new Float32Codec();
            case F16 -> new Float16Codec();
            case BF16 -> new BFloat16Codec();
            case Q4_0 -> new Q4_0Codec();
            case Q4_1 -> new Q4_1Codec();
            case Q5_0 -> new Q5_0Codec();
            case Q5_1 -> new Q5_1Codec();
            case Q8_0 -> new Q8_0Codec();
            case Q2_K -> new Q2_KCodec();
            case Q3_K -> new Q3_KCodec();
            case Q4_K -> new Q4_KCodec();
            case Q5_K -> new Q5_KCodec();
            case Q6_K -> new Q6_KCodec();
            case Q8_K -> new Q8_KCodec();
            case IQ4_NL -> new IQ4_NLCodec();
        };
    }
}
