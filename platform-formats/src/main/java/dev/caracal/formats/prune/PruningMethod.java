package dev.caracal.formats.prune;

import java.util.Locale;

/** How a pruning scores the weights of a row: the lowest scores are zeroed. */
public enum PruningMethod {
    /** |W_ij|: needs no calibration. */
    MAGNITUDE,
    /** |W_ij| · ‖X_j‖₂, the weight times its input column's activation norm (Sun et al. 2023, Wanda). */
    WANDA,
    /**
     * w²/[H⁻¹]_jj with the optimal-brain-surgeon update of the row's later weights, H = XᵀX (Frantar and Alistarh
     * 2023, SparseGPT).
     */
    SPARSEGPT;

    /** Whether the method needs calibration activations. */
    public boolean needsCalibration() {
        return this != MAGNITUDE;
    }

    /** Whether it needs each matrix's whole input Gram matrix XᵀX rather than its diagonal. */
    public boolean needsGram() {
        return this == SPARSEGPT;
    }

    /** The name on the command line and in the file: "magnitude", "wanda", "sparsegpt". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
