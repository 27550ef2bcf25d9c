package dev.caracal.engine.structured;

import java.util.ArrayList;
import java.util.List;

/**
 * Its item {@code min} to {@code max} times, with an optional separator between items. Without an upper bound the count
 * kept in the state stops at {@code min}, so repetitions past it are equal states.
 */
final class RepeatElement extends Element {

    /** No upper bound on the count. */
    static final int UNBOUNDED = Integer.MAX_VALUE;

    private final Element item;
    private final Element separator;
    private final int min;
    private final int max;
    private ByteSet continuingFirst = ByteSet.EMPTY;

    /** {@code separator} may be null for none; an item that can be empty needs a separator. */
    RepeatElement(Element item, Element separator, int min, int max) {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("a repetition needs 0 <= min <= max, not min " + min + ", max " + max);
        }
        this.item = item;
        this.separator = separator;
        this.min = min;
        this.max = max;
        update();
    }

    @Override
    void enter(Continuation next, int firstByte, Configurations out) {
        if (min == 0 && (firstByte == NO_BYTE || next.firstBytes().contains(firstByte))) {
            next.resume(firstByte, out);
        }
        if (max > 0 && item.isReachable()) {
            enterItem(1, next, firstByte, out);
        }
    }

    /** Enters item number {@code number} (from 1). */
    private void enterItem(int number, Continuation next, int firstByte, Configurations out) {
        AfterItem after = new AfterItem(this, max == UNBOUNDED ? Math.min(number, min) : number);
        if (firstByte == NO_BYTE || item.firstBytes().contains(firstByte) || item.minimumLength() == 0) {
            item.enter(next.push(after), firstByte, out);
        }
    }

    private void afterItem(int count, Continuation tail, int firstByte, Configurations out) {
        if (count >= min && (firstByte == NO_BYTE || tail.firstBytes().contains(firstByte))) {
            tail.resume(firstByte, out);
        }
        if (count < max && item.isReachable()) {
            if (separator == null) {
                enterItem(count + 1, tail, firstByte, out);
            } else if (separator.mayStart(firstByte, Continuation.END) || separator.minimumLength() == 0) {
                separator.enter(tail.push(new AfterSeparator(this, count)), firstByte, out);
            }
        }
    }

    @Override
    void checkProgress() {
        if (item.minimumLength() == 0 && separatorLength() == 0 && max > 1) {
            throw new IllegalArgumentException(
                    "a repeated item that can be empty needs a separator that cannot be empty (or max <= 1)");
        }
    }

    private int separatorLength() {
        return separator == null ? 0 : separator.minimumLength();
    }

    @Override
    List<Element> children() {
        List<Element> children = new ArrayList<>(List.of(item));
        if (separator != null) {
            children.add(separator);
        }
        return children;
    }

    @Override
    List<Element> startChildren() {
        return List.of(item);
    }

    @Override
    boolean update() {
        int minimum;
        if (min == 0) {
            minimum = 0;
        } else {
            minimum = plus(times(min, item.minimumLength()), times(min - 1, separatorLength()));
        }
        ByteSet first = max > 0 ? item.firstBytes() : ByteSet.EMPTY;
        if (max > 0 && item.minimumLength() == 0 && separator != null) {
            first = first.union(separator.firstBytes());
        }
        continuingFirst = separator == null ? item.firstBytes() : item.firstBytes().union(separator.firstBytes());
        return define(minimum, first);
    }

    /** The frame "item number {@code count} has been written". */
    private record AfterItem(RepeatElement repeat, int count) implements Frame {

        @Override
        public void resume(Continuation tail, int firstByte, Configurations out) {
            repeat.afterItem(count, tail, firstByte, out);
        }

        @Override
        public int minimumRemaining() {
            int missing = Math.max(0, repeat.min - count);
            return times(missing, plus(repeat.separatorLength(), repeat.item.minimumLength()));
        }

        @Override
        public ByteSet firstBytes() {
            return count < repeat.max ? repeat.continuingFirst : ByteSet.EMPTY;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof AfterItem that && that.repeat == repeat && that.count == count;
        }

        @Override
        public int hashCode() {
            return repeat.serial * 31 + count;
        }
    }

    /** The frame "the separator after item number {@code count} has been written". */
    private record AfterSeparator(RepeatElement repeat, int count) implements Frame {

        @Override
        public void resume(Continuation tail, int firstByte, Configurations out) {
            repeat.enterItem(count + 1, tail, firstByte, out);
        }

        @Override
        public int minimumRemaining() {
            int missing = Math.max(0, repeat.min - count - 1);
            return plus(repeat.item.minimumLength(),
                    times(missing, plus(repeat.separatorLength(), repeat.item.minimumLength())));
        }

        @Override
        public ByteSet firstBytes() {
            return repeat.continuingFirst;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof AfterSeparator that && that.repeat == repeat && that.count == count;
        }

        @Override
        public int hashCode() {
            return repeat.serial * 37 + count + 1_000_003;
        }
    }
}
