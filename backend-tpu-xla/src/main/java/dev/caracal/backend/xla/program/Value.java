package dev.caracal.backend.xla.program;

/**
 * An SSA value of a program being built: a parameter ({@code %arg0}), an op's result ({@code %3}) or a packed
 * parameter's slice ({@code %pi32_0}), with its type.
 */
public final class Value {

    /** Where a value comes from, which decides how the text names it. */
    enum Kind {
        ARGUMENT, RESULT, PACKED
    }

    private static final int ELEMENT_TYPES = ElementType.values().length;
    private static final int KINDS = Kind.values().length;

    private final Kind kind;
    private final int number;
    private final TensorType type;

    Value(Kind kind, int number, TensorType type) {
        this.kind = kind;
        this.number = number;
        this.type = type;
    }

    Kind kind() {
        return kind;
    }

    /** Its index among the values of its kind (among the packed values of its element type, for a packed one). */
    int number() {
        return number;
    }

    /**
     * Where it comes from in one number: its kind, its number and (telling packed values of different element types
     * apart) its element type.
     */
    int code() {
        return (number * ELEMENT_TYPES + type.element().ordinal()) * KINDS + kind.ordinal();
    }

    /** Its tensor type. */
    public TensorType type() {
        return type;
    }

    /** As the text writes it, with its {@code %}. */
    public String name() {
        return appendName(new StringBuilder(8)).toString();
    }

    /** Appends {@link #name()} to {@code text}. */
    StringBuilder appendName(StringBuilder text) {
        return switch (kind) {
            case ARGUMENT -> text.append("%arg").append(number);
            case RESULT -> text.append('%').append(number);
            case PACKED -> text.append("%p").append(type.element().mlir()).append('_').append(number);
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Value value && value.kind == kind && value.number == number
                && value.type.equals(type);
    }

    @Override
    public int hashCode() {
        return (31 * kind.ordinal() + number) * 31 + type.hashCode();
    }

    @Override
    public String toString() {
        return name() + ": " + type;
    }
}
