package dev.caracal.engine.structured;

/**
 * One state of a {@link ByteAutomaton}: its transitions point at other pre-built states, so a step is a table look-up
 * and allocates nothing. States are equal only to themselves.
 */
final class AutomatonState implements GrammarState {

    private static final int DENSE_ABOVE = 8;

    private final int hash;
    private final boolean complete;
    private final int distance;
    private AutomatonState[] byByte;
    private byte[] bytes = new byte[0];
    private AutomatonState[] targets = new AutomatonState[0];

    AutomatonState(int hash, boolean complete, int distance) {
        this.hash = hash;
        this.complete = complete;
        this.distance = distance;
    }

    /** Sets the transitions, once, while the automaton is built. */
    void link(byte[] onBytes, AutomatonState[] to) {
        if (onBytes.length > DENSE_ABOVE) {
            byByte = new AutomatonState[256];
            for (int i = 0; i < onBytes.length; i++) {
                byByte[onBytes[i] & 0xFF] = to[i];
            }
        } else {
            bytes = onBytes;
            targets = to;
        }
    }

    @Override
    public GrammarState accept(int unsignedByte) {
        if (byByte != null) {
            return byByte[unsignedByte];
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((bytes[i] & 0xFF) == unsignedByte) {
                return targets[i];
            }
        }
        return null;
    }

    @Override
    public boolean isComplete() {
        return complete;
    }

    @Override
    public boolean isClosed() {
        return byByte == null && bytes.length == 0;
    }

    @Override
    public int bytesToComplete() {
        return distance;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "AutomatonState[" + Integer.toHexString(hash) + (complete ? ", complete" : "") + "]";
    }
}
