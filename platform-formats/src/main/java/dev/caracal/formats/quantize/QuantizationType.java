package dev.caracal.formats.quantize;

import dev.caracal.api.tensor.QuantFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@code caracal quantize} can write: one weight format for every matrix, or one of llama.cpp's K-quant mixes,
 * each with the {@code general.file_type} value ({@code LLAMA_FTYPE_*}) llama.cpp gives such a file.
 */
public enum QuantizationType {
    F32(QuantFormat.F32, 0, false),
    F16(QuantFormat.F16, 1, false),
    BF16(QuantFormat.BF16, 32, false),
    Q4_0(QuantFormat.Q4_0, 2, false),
    Q4_1(QuantFormat.Q4_1, 3, false),
    Q5_0(QuantFormat.Q5_0, 8, false),
    Q5_1(QuantFormat.Q5_1, 9, false),
    Q8_0(QuantFormat.Q8_0, 7, false),
    Q2_K(QuantFormat.Q2_K, 10, false),
    /** Every matrix Q3_K; llama.cpp's nearest file type is Q3_K_S (11). */
    Q3_K(QuantFormat.Q3_K, 11, false),
    /** Every matrix Q4_K; llama.cpp's nearest file type is Q4_K_S (14). */
    Q4_K(QuantFormat.Q4_K, 14, false),
    /** Every matrix Q5_K; llama.cpp's nearest file type is Q5_K_S (16). */
    Q5_K(QuantFormat.Q5_K, 16, false),
    /** Q4_K, with Q6_K for output and for attn_v and ffn_down on the layers {@link #usesMoreBits} picks. */
    Q4_K_M(QuantFormat.Q4_K, 15, true),
    /** Q5_K, with Q6_K where Q4_K_M has it. */
    Q5_K_M(QuantFormat.Q5_K, 17, true),
    /** Every matrix Q6_K (llama.cpp's Q6_K mix is uniform). */
    Q6_K(QuantFormat.Q6_K, 18, false),
    /**
     * IQ4_NL, with llama.cpp's rules for it: Q6_K for output, Q5_K for attn_v where four or more query heads share a
     * KV head and for ffn_down on the first eighth of the layers.
     */
    IQ4_NL(QuantFormat.IQ4_NL, 25, false);

    private final QuantFormat base;
    private final int llamaFileType;
    private final boolean mix;

    QuantizationType(QuantFormat base, int llamaFileType, boolean mix) {
        this.base = base;
        this.llamaFileType = llamaFileType;
        this.mix = mix;
    }

    /** The format most matrices get. */
    public QuantFormat base() {
        return base;
    }

    /** llama.cpp's {@code LLAMA_FTYPE_MOSTLY_*} value, written as {@code general.file_type}. */
    public int llamaFileType() {
        return llamaFileType;
    }

    /** True for Q4_K_M and Q5_K_M, which give attn_v and ffn_down more bits on some layers. */
    public boolean isMix() {
        return mix;
    }

    /** The type named {@code name} (any case), if there is one. */
    public static Optional<QuantizationType> find(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(type -> type.name().equals(upper)).findFirst();
    }

    /** The names of all types, comma separated, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /**
     * llama.cpp's {@code use_more_bits}: the first and last eighth of {@code layers}, and every third layer between.
     */
    public static boolean usesMoreBits(int layer, int layers) {
        return layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2;
    }
}
