package dev.caracal.engine.structured;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A small regular-expression language over ASCII, compiled to a {@link ByteAutomaton}: the string formats and the
 * whitespace rule are written in it. It knows literal characters, {@code \d}, {@code \x} for a literal {@code x},
 * classes {@code [a-f0-9]}, groups, {@code |}, and the quantifiers {@code ? * + {n} {n,} {n,m}}.
 */
final class BytePattern {

    private final String source;
    private int position;
    private final List<Node> nodes = new ArrayList<>();

    private BytePattern(String source) {
        this.source = source;
    }

    /** The automaton that matches exactly the strings of {@code regex}. */
    static GrammarState compile(String regex) {
        BytePattern pattern = new BytePattern(regex);
        Pattern parsed = pattern.alternation();
        if (pattern.position != regex.length()) {
            throw pattern.error("unexpected '" + regex.charAt(pattern.position) + "'");
        }
        int start = pattern.newNode();
        int end = pattern.build(parsed, start);
        BitSet first = pattern.closure(single(start));
        return ByteAutomaton.explore(first, pattern::step, states -> states.get(end));
    }

    // ---- parsing: alternation := concatenation ('|' concatenation)* ----

    private Pattern alternation() {
        List<Pattern> choices = new ArrayList<>(List.of(concatenation()));
        while (peek('|')) {
            position++;
            choices.add(concatenation());
        }
        return choices.size() == 1 ? choices.getFirst() : new Alternation(choices);
    }

    private Pattern concatenation() {
        List<Pattern> parts = new ArrayList<>();
        while (position < source.length() && !peek('|') && !peek(')')) {
            parts.add(quantified());
        }
        return new Concatenation(parts);
    }

    private Pattern quantified() {
        Pattern pattern = atom();
        while (position < source.length()) {
            char c = source.charAt(position);
            if (c == '?') {
                pattern = new Repeat(pattern, 0, 1);
            } else if (c == '*') {
                pattern = new Repeat(pattern, 0, -1);
            } else if (c == '+') {
                pattern = new Repeat(pattern, 1, -1);
            } else if (c == '{') {
                int close = source.indexOf('}', position);
                if (close < 0) {
                    throw error("unclosed '{'");
                }
                String[] bounds = source.substring(position + 1, close).split(",", -1);
                int min = Integer.parseInt(bounds[0]);
                int max = bounds.length == 1 ? min : bounds[1].isEmpty() ? -1 : Integer.parseInt(bounds[1]);
                pattern = new Repeat(pattern, min, max);
                position = close;
            } else {
                break;
            }
            position++;
        }
        return pattern;
    }

    private Pattern atom() {
        char c = source.charAt(position++);
        return switch (c) {
            case '(' -> {
                Pattern inner = alternation();
                if (!peek(')')) {
                    throw error("unclosed '('");
                }
                position++;
                yield inner;
            }
            case '[' -> characterClass();
            case '\\' -> escape();
            default -> literal(c);
        };
    }

    private Pattern characterClass() {
        BitSet members = new BitSet(128);
        while (!peek(']')) {
            if (position >= source.length()) {
                throw error("unclosed '['");
            }
            char low = source.charAt(position++);
            if (low == '\\') {
                low = source.charAt(position++);
            }
            char high = low;
            if (peek('-') && position + 1 < source.length() && source.charAt(position + 1) != ']') {
                high = source.charAt(position + 1);
                position += 2;
            }
            members.set(low, high + 1);
        }
        position++;
        return new Chars(ByteSet.of(members::get));
    }

    private Pattern escape() {
        char c = source.charAt(position++);
        return c == 'd' ? new Chars(ByteSet.of(b -> b >= '0' && b <= '9')) : literal(c);
    }

    private Pattern literal(char c) {
        if (c >= 128) {
            throw error("only ASCII is allowed");
        }
        return new Chars(ByteSet.of(b -> b == c));
    }

    private boolean peek(char c) {
        return position < source.length() && source.charAt(position) == c;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at " + position + " in pattern " + source);
    }

    // ---- a nondeterministic automaton (Thompson), then subsets of its nodes as the deterministic states ----

    private int newNode() {
        nodes.add(new Node());
        return nodes.size() - 1;
    }

    /** Adds {@code pattern} after node {@code from}; returns the node where it ends. */
    private int build(Pattern pattern, int from) {
        switch (pattern) {
            case Chars chars -> {
                int start = newNode();
                int end = newNode();
                nodes.get(from).epsilon.add(start);
                nodes.get(start).label = chars.bytes();
                nodes.get(start).target = end;
                return end;
            }
            case Concatenation concatenation -> {
                int at = from;
                for (Pattern part : concatenation.parts()) {
                    at = build(part, at);
                }
                return at;
            }
            case Alternation alternation -> {
                int end = newNode();
                for (Pattern choice : alternation.choices()) {
                    nodes.get(build(choice, from)).epsilon.add(end);
                }
                return end;
            }
            case Repeat repeat -> {
                int at = from;
                for (int i = 0; i < repeat.min(); i++) {
                    at = build(repeat.body(), at);
                }
                if (repeat.max() < 0) {
                    int loop = newNode();
                    nodes.get(at).epsilon.add(loop);
                    nodes.get(build(repeat.body(), loop)).epsilon.add(loop);
                    return loop;
                }
                for (int i = repeat.min(); i < repeat.max(); i++) {
                    int end = build(repeat.body(), at);
                    nodes.get(at).epsilon.add(end);
                    at = end;
                }
                return at;
            }
        }
    }

    private BitSet step(BitSet states, int unsignedByte) {
        BitSet next = new BitSet();
        for (int i = states.nextSetBit(0); i >= 0; i = states.nextSetBit(i + 1)) {
            Node node = nodes.get(i);
            if (node.label != null && node.label.contains(unsignedByte)) {
                next.set(node.target);
            }
        }
        return next.isEmpty() ? null : closure(next);
    }

    private BitSet closure(BitSet states) {
        BitSet closed = (BitSet) states.clone();
        List<Integer> work = new ArrayList<>(states.stream().boxed().toList());
        while (!work.isEmpty()) {
            for (int next : nodes.get(work.removeLast()).epsilon) {
                if (!closed.get(next)) {
                    closed.set(next);
                    work.add(next);
                }
            }
        }
        return closed;
    }

    private static BitSet single(int node) {
        BitSet set = new BitSet();
        set.set(node);
        return set;
    }

    private static final class Node {
        ByteSet label;
        int target = -1;
        final List<Integer> epsilon = new ArrayList<>();
    }

    private sealed interface Pattern permits Chars, Concatenation, Alternation, Repeat {
    }

    private record Chars(ByteSet bytes) implements Pattern {
    }

    private record Concatenation(List<Pattern> parts) implements Pattern {
    }

    private record Alternation(List<Pattern> choices) implements Pattern {
    }

    /** {@code max} is -1 for no upper bound. */
    private record Repeat(Pattern body, int min, int max) implements Pattern {
    }
}
