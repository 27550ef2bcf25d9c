package dev.caracal.engine.structured;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Builds deterministic byte automata as tables of pre-built {@link AutomatonState}s (literals, word lists, the string
 * formats, whitespace), keeping only states that can complete, each with its distance to completion.
 */
final class ByteAutomaton {

    private static final AtomicInteger AUTOMATA = new AtomicInteger();

    private final List<Draft> drafts = new ArrayList<>();

    /** A new state; the first one made is state 0. */
    int addState() {
        drafts.add(new Draft());
        return drafts.size() - 1;
    }

    /** The transition from {@code from} on {@code unsignedByte} to {@code to}; each byte at most once per state. */
    void connect(int from, int unsignedByte, int to) {
        Draft draft = drafts.get(from);
        if (draft.target(unsignedByte) >= 0) {
            throw new IllegalStateException("state " + from + " already has a transition on byte " + unsignedByte);
        }
        draft.add(unsignedByte, to);
    }

    /** The target of {@code from} on {@code unsignedByte}, or -1. */
    int target(int from, int unsignedByte) {
        return drafts.get(from).target(unsignedByte);
    }

    void markComplete(int state) {
        drafts.get(state).complete = true;
    }

    /** The automaton's start state, pruned to the states that are reachable and can complete. */
    GrammarState build(int start) {
        int n = drafts.size();
        List<List<Integer>> incoming = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            incoming.add(new ArrayList<>());
        }
        for (int from = 0; from < n; from++) {
            Draft draft = drafts.get(from);
            for (int i = 0; i < draft.size; i++) {
                incoming.get(draft.targets[i]).add(from);
            }
        }
        int[] distance = new int[n];
        Arrays.fill(distance, -1);
        Deque<Integer> queue = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            if (drafts.get(i).complete) {
                distance[i] = 0;
                queue.add(i);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            for (int from : incoming.get(state)) {
                if (distance[from] < 0) {
                    distance[from] = distance[state] + 1;
                    queue.add(from);
                }
            }
        }
        if (distance[start] < 0) {
            throw new IllegalArgumentException("the automaton admits no complete output");
        }
        int serial = AUTOMATA.incrementAndGet();
        AutomatonState[] states = new AutomatonState[n];
        for (int i = 0; i < n; i++) {
            if (distance[i] >= 0) {
                int hash = serial * 0x9E3779B1 + i * 0x85EBCA6B;
                states[i] = new AutomatonState(hash, drafts.get(i).complete, distance[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            if (states[i] != null) {
                link(states, i);
            }
        }
        return states[start];
    }

    private void link(AutomatonState[] states, int from) {
        Draft draft = drafts.get(from);
        int live = 0;
        for (int i = 0; i < draft.size; i++) {
            live += states[draft.targets[i]] != null ? 1 : 0;
        }
        byte[] bytes = new byte[live];
        AutomatonState[] targets = new AutomatonState[live];
        int k = 0;
        for (int i = 0; i < draft.size; i++) {
            if (states[draft.targets[i]] != null) {
                bytes[k] = draft.bytes[i];
                targets[k++] = states[draft.targets[i]];
            }
        }
        states[from].link(bytes, targets);
    }

    /** Exactly the UTF-8 bytes of {@code text}. */
    static GrammarState literal(String text) {
        return words(List.of(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Exactly one of {@code words} (a trie: a word may be a prefix of another). */
    static GrammarState words(Collection<byte[]> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a word list needs at least one word");
        }
        ByteAutomaton automaton = new ByteAutomaton();
        int root = automaton.addState();
        for (byte[] word : words) {
            int state = root;
            for (byte b : word) {
                int next = automaton.target(state, b & 0xFF);
                if (next < 0) {
                    next = automaton.addState();
                    automaton.connect(state, b & 0xFF, next);
                }
                state = next;
            }
            automaton.markComplete(state);
        }
        return automaton.build(root);
    }

    /** One step of an automaton explored from keys: the key after a byte, or null when the byte is refused. */
    interface Step<K> {
        K next(K key, int unsignedByte);
    }

    /**
     * The automaton whose states are the keys reachable from {@code start} by {@code step} (keys compare by equals),
     * complete where {@code complete} holds. The key space reachable must be finite.
     */
    static <K> GrammarState explore(K start, Step<K> step, Predicate<K> complete) {
        ByteAutomaton automaton = new ByteAutomaton();
        Map<K, Integer> ids = new HashMap<>();
        Deque<K> queue = new ArrayDeque<>();
        ids.put(start, automaton.addState());
        queue.add(start);
        while (!queue.isEmpty()) {
            K key = queue.poll();
            int from = ids.get(key);
            if (complete.test(key)) {
                automaton.markComplete(from);
            }
            for (int b = 0; b < 256; b++) {
                K next = step.next(key, b);
                if (next == null) {
                    continue;
                }
                Integer to = ids.get(next);
                if (to == null) {
                    to = automaton.addState();
                    ids.put(next, to);
                    queue.add(next);
                }
                automaton.connect(from, b, to);
            }
        }
        return automaton.build(0);
    }

    /** A state's transitions while the automaton is being built. */
    private static final class Draft {
        byte[] bytes = new byte[2];
        int[] targets = new int[2];
        int size;
        boolean complete;

        int target(int unsignedByte) {
            for (int i = 0; i < size; i++) {
                if ((bytes[i] & 0xFF) == unsignedByte) {
                    return targets[i];
                }
            }
            return -1;
        }

        void add(int unsignedByte, int to) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, size * 2);
                targets = Arrays.copyOf(targets, size * 2);
            }
            bytes[size] = (byte) unsignedByte;
            targets[size++] = to;
        }
    }
}
