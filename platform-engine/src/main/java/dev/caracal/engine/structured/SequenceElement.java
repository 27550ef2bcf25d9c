package dev.caracal.engine.structured;

import java.util.ArrayList;
import java.util.List;

/** Its parts one after another. */
final class SequenceElement extends Element {

    private final Element[] parts;
    private final Remainder[] remainders;
    private int[] remainingMinimum;
    private ByteSet[] remainingFirst;

    SequenceElement(Element... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("a sequence needs at least one part");
        }
        this.parts = parts.clone();
        remainders = new Remainder[parts.length];
        for (int i = 1; i < parts.length; i++) {
            remainders[i] = new Remainder(this, i);
        }
        update();
    }

    @Override
    void enter(Continuation next, int firstByte, Configurations out) {
        enterFrom(0, next, firstByte, out);
    }

    /** Enters part {@code index}, with the parts after it and then {@code next} to follow. */
    private void enterFrom(int index, Continuation next, int firstByte, Configurations out) {
        if (firstByte != NO_BYTE && !remainingFirst[index].contains(firstByte)
                && !(remainingMinimum[index] == 0 && next.firstBytes().contains(firstByte))) {
            return;
        }
        Continuation after = index + 1 < parts.length ? next.push(remainders[index + 1]) : next;
        parts[index].enter(after, firstByte, out);
    }

    @Override
    List<Element> children() {
        return List.of(parts);
    }

    @Override
    List<Element> startChildren() {
        List<Element> start = new ArrayList<>();
        for (Element part : parts) {
            start.add(part);
            if (part.minimumLength() != 0) {
                break;
            }
        }
        return start;
    }

    @Override
    boolean update() {
        int n = parts.length;
        int[] minimum = new int[n + 1];
        ByteSet[] first = new ByteSet[n + 1];
        first[n] = ByteSet.EMPTY;
        for (int i = n - 1; i >= 0; i--) {
            minimum[i] = plus(parts[i].minimumLength(), minimum[i + 1]);
            ByteSet own = parts[i].firstBytes();
            first[i] = parts[i].minimumLength() == 0 ? own.union(first[i + 1]) : own;
        }
        remainingMinimum = minimum;
        remainingFirst = first;
        return define(minimum[0], first[0]);
    }

    /** The frame "parts {@code index}.. are still to come". */
    private record Remainder(SequenceElement sequence, int index) implements Frame {

        @Override
        public void resume(Continuation tail, int firstByte, Configurations out) {
            sequence.enterFrom(index, tail, firstByte, out);
        }

        @Override
        public int minimumRemaining() {
            return sequence.remainingMinimum[index];
        }

        @Override
        public ByteSet firstBytes() {
            return sequence.remainingFirst[index];
        }

        @Override
        public boolean equals(Object other) {
            return other == this;
        }

        @Override
        public int hashCode() {
            return sequence.serial * 31 + index;
        }
    }
}
