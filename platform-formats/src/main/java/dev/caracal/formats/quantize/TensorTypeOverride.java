package dev.caracal.formats.quantize;

import dev.caracal.api.tensor.QuantFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A {@code --tensor-type PATTERN=FORMAT} rule, as llama-quantize's: every tensor whose name contains a match of the
 * regular expression gets the format; when several rules match, the last wins.
 */
public record TensorTypeOverride(Pattern pattern, QuantFormat format) {

    /** Reads {@code PATTERN=FORMAT}, e.g. {@code ffn_down=Q8_0} or {@code blk\.[0-3]\.attn_v=Q6_K}. */
    public static TensorTypeOverride parse(String text) {
        int equals = text.lastIndexOf('=');
        if (equals <= 0 || equals == text.length() - 1) {
            throw new IllegalArgumentException("--tensor-type '" + text + "' is not PATTERN=TYPE, e.g. ffn_down=Q8_0");
        }
        String formatName = text.substring(equals + 1).toUpperCase(Locale.ROOT);
        QuantFormat format = Arrays.stream(QuantFormat.values())
                .filter(candidate -> candidate.name().equals(formatName) && candidate != QuantFormat.Q8_K)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--tensor-type '" + text + "': unknown type '"
                        + text.substring(equals + 1) + "'; use F32, F16, BF16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0,"
                        + " Q2_K..Q6_K or IQ4_NL"));
        try {
            return new TensorTypeOverride(Pattern.compile(text.substring(0, equals)), format);
        } catch (PatternSyntaxException bad) {
            throw new IllegalArgumentException("--tensor-type '" + text + "': the pattern is not a regular expression: "
                    + bad.getDescription());
        }
    }

    /** True when the rule applies to the tensor {@code name}. */
    public boolean matches(String name) {
        return pattern.matcher(name).find();
    }

    @Override
    public String toString() {
        return pattern.pattern() + "=" + format;
    }
}
