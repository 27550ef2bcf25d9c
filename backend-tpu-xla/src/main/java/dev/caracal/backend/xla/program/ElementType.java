package dev.caracal.backend.xla.program;

/** The element types Caracal's StableHLO programs use, with their MLIR spelling and width. */
public enum ElementType {
    F32("f32", 4),
    F16("f16", 2),
    BF16("bf16", 2),
    I32("i32", 4),
    I8("i8", 1),
    UI8("ui8", 1),
    I1("i1", 1);

    private final String mlir;
    private final int bytes;

    ElementType(String mlir, int bytes) {
        this.mlir = mlir;
        this.bytes = bytes;
    }

    /** As MLIR writes it ({@code f32}). */
    public String mlir() {
        return mlir;
    }

    /** Bytes per element (an {@code i1} takes one on the host). */
    public int bytes() {
        return bytes;
    }

    /** True for the floating-point types. */
    public boolean isFloat() {
        return this == F32 || this == F16 || this == BF16;
    }
}
