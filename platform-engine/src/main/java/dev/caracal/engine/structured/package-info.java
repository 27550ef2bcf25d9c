/**
 * Constrained decoding's grammars: automata over the bytes of an output that say, byte by byte, what may come next.
 *
 * <p>{@link dev.caracal.engine.structured.JsonSchemaGrammar} compiles a JSON schema, and
 * {@link dev.caracal.engine.structured.Grammars} joins grammars (literals, sequences, alternatives, repetitions, text
 * up to a marker). Inside, a grammar is a graph of elements; a state is a set of configurations, each a leaf
 * automaton's state (a literal, a JSON string or number, a string format) and an immutable stack of what follows it:
 * a pushdown automaton's position, NFA-style where the grammar is ambiguous. States are immutable, compare
 * structurally, and know the fewest bytes that complete them.
 */
package dev.caracal.engine.structured;
