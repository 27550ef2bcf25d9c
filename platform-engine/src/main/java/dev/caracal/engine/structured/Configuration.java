package dev.caracal.engine.structured;

/**
 * One live position of a compiled grammar: the state of the current leaf automaton and what follows it. A leaf that can
 * end with nothing allowed after it is never kept: its continuation is resumed at once, so equal positions reached by
 * different paths are equal states.
 */
final class Configuration implements GrammarState {

    /** The whole output is complete and nothing may follow. */
    static final Configuration FINISHED = new Configuration(Finished.INSTANCE, Continuation.END);

    private final GrammarState leaf;
    private final Continuation next;
    private final int hash;

    Configuration(GrammarState leaf, Continuation next) {
        this.leaf = leaf;
        this.next = next;
        this.hash = 31 * leaf.hashCode() + next.hashCode();
    }

    @Override
    public GrammarState accept(int unsignedByte) {
        if ((unsignedByte & ~0xFF) != 0) {
            throw new IllegalArgumentException("a byte is 0..255, not " + unsignedByte);
        }
        GrammarState after = leaf.accept(unsignedByte);
        if (!leavesLeaf(unsignedByte)) {
            if (after == null || after == leaf) {
                return after == null ? null : this;
            }
            if (!(after.isComplete() && after.isClosed())) {
                return new Configuration(after, next);
            }
        }
        Configurations out = new Configurations();
        collect(after, unsignedByte, out);
        return out.toState();
    }

    /**
     * Whether {@code unsignedByte} leaves this configuration as it is (a plain character inside a string without
     * limits): then a set of such configurations is unchanged too, and nothing needs to be built.
     */
    boolean keeps(int unsignedByte) {
        return leaf.accept(unsignedByte) == leaf && !leavesLeaf(unsignedByte);
    }

    /** Adds the configurations after {@code unsignedByte} to {@code out}. */
    void acceptInto(int unsignedByte, Configurations out) {
        collect(leaf.accept(unsignedByte), unsignedByte, out);
    }

    private void collect(GrammarState after, int unsignedByte, Configurations out) {
        if (after == leaf) {
            out.addUnique(this);
        } else if (after != null) {
            out.add(after, next);
        }
        if (leavesLeaf(unsignedByte)) {
            next.resume(unsignedByte, out);
        }
    }

    /** Whether the byte may end the leaf and start what follows it. */
    private boolean leavesLeaf(int unsignedByte) {
        return leaf.isComplete() && next.firstBytes().contains(unsignedByte);
    }

    @Override
    public boolean isComplete() {
        return leaf.isComplete() && next.minimumRemaining() == 0;
    }

    /** The leaf's: plain characters never end a leaf that answers (it is inside its text, not complete). */
    @Override
    public int plainRun() {
        return leaf.isComplete() ? -1 : leaf.plainRun();
    }

    @Override
    public boolean isClosed() {
        return leaf.isClosed(); // a closed, complete leaf is only kept at the end (see Configurations.add)
    }

    @Override
    public int bytesToComplete() {
        return Element.plus(leaf.bytesToComplete(), next.minimumRemaining());
    }

    @Override
    public boolean equals(Object other) {
        return other == this || other instanceof Configuration that && hash == that.hash && leaf.equals(that.leaf)
                && next.equals(that.next);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "Configuration[" + leaf + ", needs " + next.minimumRemaining() + " more]";
    }

    /** The leaf of the finished configuration. */
    private enum Finished implements GrammarState {
        INSTANCE;

        @Override
        public GrammarState accept(int unsignedByte) {
            return null;
        }

        @Override
        public boolean isComplete() {
            return true;
        }

        @Override
        public boolean isClosed() {
            return true;
        }

        @Override
        public int bytesToComplete() {
            return 0;
        }
    }
}
