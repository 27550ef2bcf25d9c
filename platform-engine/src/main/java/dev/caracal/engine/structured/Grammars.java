package dev.caracal.engine.structured;

import java.util.Arrays;

/** Builds grammars from pieces: literals, sequences, alternatives, repetitions, text up to a marker, any grammar. */
public final class Grammars {

    /** The repetition has no upper bound. */
    public static final int UNBOUNDED = RepeatElement.UNBOUNDED;

    private Grammars() {
    }

    /** Exactly the UTF-8 bytes of {@code text} (an empty text is the empty output). */
    public static Grammar literal(String text) {
        return of(new LeafElement(ByteAutomaton.literal(text)));
    }

    /**
     * The parts one after another. Where a part may end or go on (after {@code 12} a JSON number may), both ways stay
     * live until a byte decides.
     */
    public static Grammar sequence(Grammar... parts) {
        if (parts.length == 0) {
            return literal("");
        }
        return of(parts.length == 1 ? element(parts[0]) : new SequenceElement(elements(parts)));
    }

    /** Any one of the alternatives. */
    public static Grammar anyOf(Grammar... alternatives) {
        if (alternatives.length == 0) {
            throw new IllegalArgumentException("anyOf needs at least one alternative");
        }
        return of(alternatives.length == 1 ? element(alternatives[0]) : new ChoiceElement(elements(alternatives)));
    }

    /**
     * {@code item} {@code min} to {@code max} times ({@link #UNBOUNDED} for no limit), with {@code separator} between
     * items ("" for none; an item that can be empty needs a separator).
     */
    public static Grammar repeat(Grammar item, String separator, int min, int max) {
        Element between = separator.isEmpty() ? null : new LeafElement(ByteAutomaton.literal(separator));
        return of(new RepeatElement(element(item), between, min, max));
    }

    /**
     * Any valid UTF-8 text that ends with {@code marker}, the marker appearing only there, with at most
     * {@code maxBytes} bytes before it ({@link Integer#MAX_VALUE} for no limit).
     */
    public static Grammar textUntil(String marker, int maxBytes) {
        return of(new LeafElement(TextUntilState.start(marker, maxBytes)));
    }

    /** The element of a grammar: its own for a compiled one, else its states as one leaf. */
    static Element element(Grammar grammar) {
        return grammar instanceof CompiledGrammar compiled ? compiled.root() : new LeafElement(grammar.start());
    }

    private static Element[] elements(Grammar[] grammars) {
        return Arrays.stream(grammars).map(Grammars::element).toArray(Element[]::new);
    }

    private static Grammar of(Element root) {
        return CompiledGrammar.of(root, "the grammar admits no output");
    }
}
