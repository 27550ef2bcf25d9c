package dev.caracal.engine.structured;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A grammar made of elements: settles their lengths (a fixpoint over recursive references), refuses left recursion and
 * grammars that admit no output, seals them, and keeps the start state.
 */
final class CompiledGrammar implements Grammar {

    private final Element root;
    private final GrammarState start;

    private CompiledGrammar(Element root, GrammarState start) {
        this.root = root;
        this.start = start;
    }

    /** The grammar of {@code root}; {@code noOutput} is the message when it admits no output at all. */
    static CompiledGrammar of(Element root, String noOutput) {
        List<Element> open = unsealedInPostOrder(root);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Element element : open) {
                changed |= element.update();
            }
        }
        for (Element element : open) {
            element.checkProgress();
        }
        refuseLeftRecursion(open);
        open.forEach(Element::seal);
        if (!root.isReachable()) {
            throw new IllegalArgumentException(noOutput);
        }
        Configurations out = new Configurations();
        root.enter(Continuation.END, Element.NO_BYTE, out);
        return new CompiledGrammar(root, out.toState());
    }

    /** The element this grammar is, for composing it into larger grammars. */
    Element root() {
        return root;
    }

    @Override
    public GrammarState start() {
        return start;
    }

    /** The unsealed elements reachable from {@code root}, children before parents (so lengths settle in few rounds). */
    private static List<Element> unsealedInPostOrder(Element root) {
        List<Element> order = new ArrayList<>();
        Set<Element> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Iterator<Element>> stack = new ArrayDeque<>();
        Deque<Element> path = new ArrayDeque<>();
        if (!root.isSealed() && seen.add(root)) {
            stack.push(root.children().iterator());
            path.push(root);
        }
        while (!stack.isEmpty()) {
            Iterator<Element> children = stack.peek();
            if (children.hasNext()) {
                Element child = children.next();
                if (!child.isSealed() && seen.add(child)) {
                    stack.push(child.children().iterator());
                    path.push(child);
                }
            } else {
                stack.pop();
                order.add(path.pop());
            }
        }
        return order;
    }

    /** Throws when an element can enter itself again before reading a byte (it would recurse forever). */
    private static void refuseLeftRecursion(List<Element> open) {
        Map<Element, Boolean> finished = new IdentityHashMap<>(); // false while on the path, true when done
        for (Element start : open) {
            if (finished.containsKey(start)) {
                continue;
            }
            Deque<Iterator<Element>> stack = new ArrayDeque<>();
            Deque<Element> path = new ArrayDeque<>();
            stack.push(start.startChildren().iterator());
            path.push(start);
            finished.put(start, false);
            while (!stack.isEmpty()) {
                Iterator<Element> children = stack.peek();
                if (!children.hasNext()) {
                    stack.pop();
                    finished.put(path.pop(), true);
                    continue;
                }
                Element child = children.next();
                Boolean state = child.isSealed() ? Boolean.TRUE : finished.get(child);
                if (state == null) {
                    finished.put(child, false);
                    stack.push(child.startChildren().iterator());
                    path.push(child);
                } else if (!state) {
                    throw new IllegalArgumentException(
                            "the grammar can recurse without writing a byte, through " + referencesOn(path, child));
                }
            }
        }
    }

    private static String referencesOn(Deque<Element> path, Element repeated) {
        List<String> names = new ArrayList<>();
        for (Iterator<Element> it = path.descendingIterator(); it.hasNext();) {
            Element element = it.next();
            if (element == repeated) {
                names.clear();
            }
            if (element instanceof ReferenceElement reference) {
                names.add(reference.name());
            }
        }
        return names.isEmpty() ? "a cycle of elements" : String.join(" -> ", names);
    }
}
