package dev.caracal.engine.api;

import java.util.List;
import java.util.Objects;

/**
 * What a request's output must be, enforced while it is generated (constrained decoding): a JSON value valid against a
 * schema, exact text, or these put together. The engine compiles it into a grammar over the output's bytes and, at
 * every step, lets the sampler pick only tokens that keep the output completable; so the output parses and validates
 * whatever the model's logits, and near {@link SamplingParameters#maxTokens()} it is steered to finish in time.
 *
 * <p>Records compare by value, so the engine compiles each distinct constraint once.
 */
public sealed interface OutputConstraint {

    /** Any JSON object (OpenAI's {@code response_format: {"type": "json_object"}}). */
    static OutputConstraint jsonObject() {
        return new JsonObject();
    }

    /** One JSON value valid against {@code schemaJson}, a JSON Schema as text. */
    static OutputConstraint jsonSchema(String schemaJson) {
        return new JsonSchema(schemaJson);
    }

    /** Exactly {@code text}. */
    static OutputConstraint literal(String text) {
        return new Literal(text);
    }

    /** The parts, one after another. */
    static OutputConstraint sequence(OutputConstraint... parts) {
        return new Sequence(List.of(parts));
    }

    /**
     * Any JSON object.
     */
    record JsonObject() implements OutputConstraint {
    }

    /**
     * One JSON value valid against a JSON Schema (the subset the engine supports; a schema outside it is refused with an
     * {@link IllegalArgumentException} that names the keyword).
     *
     * @param schemaJson the schema as JSON text
     */
    record JsonSchema(String schemaJson) implements OutputConstraint {
        public JsonSchema {
            Objects.requireNonNull(schemaJson, "schemaJson");
        }
    }

    /**
     * Exactly this text.
     *
     * @param text non-empty
     */
    record Literal(String text) implements OutputConstraint {
        public Literal {
            if (text == null || text.isEmpty()) {
                throw new IllegalArgumentException("a literal output constraint needs text");
            }
        }
    }

    /**
     * The parts in order.
     *
     * @param parts at least one
     */
    record Sequence(List<OutputConstraint> parts) implements OutputConstraint {
        public Sequence {
            parts = List.copyOf(parts);
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("a sequence output constraint needs parts");
            }
        }
    }

    /**
     * One of the alternatives.
     *
     * @param alternatives at least one
     */
    record AnyOf(List<OutputConstraint> alternatives) implements OutputConstraint {
        public AnyOf {
            alternatives = List.copyOf(alternatives);
            if (alternatives.isEmpty()) {
                throw new IllegalArgumentException("an any-of output constraint needs alternatives");
            }
        }
    }

    /**
     * {@code item} repeated {@code min} to {@code max} times, {@code separator} between two.
     *
     * @param separator text between two items, possibly empty
     */
    record Repeat(OutputConstraint item, String separator, int min, int max) implements OutputConstraint {
        public Repeat {
            Objects.requireNonNull(item, "item");
            separator = separator == null ? "" : separator;
            if (min < 0 || max < Math.max(1, min)) {
                throw new IllegalArgumentException("a repeat output constraint needs 0 ≤ min ≤ max and max ≥ 1, had "
                        + min + " and " + max);
            }
        }
    }

    /**
     * Free text until the output writes {@code trigger}; from there on (the trigger included) the output must follow
     * {@code grammar}, which begins with the trigger's text: a tool call that a model under {@code tool_choice: auto}
     * chooses to start is finished validly (a lazy grammar). If what follows the trigger within the same token does not
     * fit the grammar, the output stays free text.
     *
     * @param trigger     the text that starts the constrained part
     * @param atStartOnly only when the output begins with the trigger (after white space), not anywhere in it
     * @param grammar     what the output must be from the trigger on
     */
    record Triggered(String trigger, boolean atStartOnly, OutputConstraint grammar) implements OutputConstraint {
        public Triggered {
            if (trigger == null || trigger.isEmpty()) {
                throw new IllegalArgumentException("a triggered output constraint needs a trigger");
            }
            Objects.requireNonNull(grammar, "grammar");
        }
    }

    /**
     * Free text ending with {@code marker} (which appears only there), at most {@code maxBytes} bytes before it: a
     * model's reasoning before {@code </think>}.
     */
    record TextUntil(String marker, int maxBytes) implements OutputConstraint {
        public TextUntil {
            if (marker == null || marker.isEmpty() || maxBytes < 0) {
                throw new IllegalArgumentException("a text-until output constraint needs a marker and maxBytes ≥ 0");
            }
        }
    }
}
