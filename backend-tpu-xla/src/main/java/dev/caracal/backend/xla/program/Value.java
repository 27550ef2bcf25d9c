package dev.caracal.backend.xla.program;

/**
 * An SSA value of a program being built: its name ({@code %3}, {@code %arg0}) and type.
 *
 * @param name as the text writes it, with its {@code %}
 * @param type its tensor type
 */
public record Value(String name, TensorType type) {
}
