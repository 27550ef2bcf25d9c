package dev.caracal.engine.structured;

import java.util.List;

/** An element that is one automaton needing no stack (a literal, a JSON string or number): its start state. */
final class LeafElement extends Element {

    private final GrammarState start;

    LeafElement(GrammarState start) {
        this.start = start;
        define(start.bytesToComplete(), ByteSet.of(b -> start.accept(b) != null));
    }

    @Override
    void enter(Continuation next, int firstByte, Configurations out) {
        if (firstByte == NO_BYTE) {
            out.add(start, next);
            return;
        }
        GrammarState after = start.accept(firstByte);
        if (after != null) {
            out.add(after, next);
        }
        if (start.isComplete() && next.firstBytes().contains(firstByte)) {
            next.resume(firstByte, out);
        }
    }

    @Override
    List<Element> children() {
        return List.of();
    }

    @Override
    boolean update() {
        return false;
    }
}
