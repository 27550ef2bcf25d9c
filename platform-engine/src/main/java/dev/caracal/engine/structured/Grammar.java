package dev.caracal.engine.structured;

/** What a constrained request may write, as an automaton over the bytes of its output. */
public interface Grammar {

    /** The state before the first byte. */
    GrammarState start();
}
