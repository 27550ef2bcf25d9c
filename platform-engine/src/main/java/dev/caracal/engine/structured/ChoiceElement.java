package dev.caracal.engine.structured;

import java.util.List;

/** Any one of its alternatives (all that can take the next byte stay live); with none, it matches nothing. */
final class ChoiceElement extends Element {

    private final Element[] alternatives;

    ChoiceElement(Element... alternatives) {
        this.alternatives = alternatives.clone();
        update();
    }

    @Override
    void enter(Continuation next, int firstByte, Configurations out) {
        for (Element alternative : alternatives) {
            if (alternative.isReachable() && alternative.mayStart(firstByte, next)) {
                alternative.enter(next, firstByte, out);
            }
        }
    }

    @Override
    List<Element> children() {
        return List.of(alternatives);
    }

    @Override
    boolean update() {
        int minimum = UNREACHABLE;
        ByteSet first = ByteSet.EMPTY;
        for (Element alternative : alternatives) {
            if (alternative.isReachable()) {
                minimum = Math.min(minimum, alternative.minimumLength());
                first = first.union(alternative.firstBytes());
            }
        }
        return define(minimum, first);
    }
}
