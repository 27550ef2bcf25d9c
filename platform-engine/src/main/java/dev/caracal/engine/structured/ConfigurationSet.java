package dev.caracal.engine.structured;

/**
 * Several live configurations at once (the grammar is ambiguous so far, as after {@code 12} in a number that may go
 * on): a byte is fed to all of them, and equal configurations are kept once.
 */
final class ConfigurationSet implements GrammarState {

    private final Configuration[] members;
    private final int hash;

    ConfigurationSet(Configuration[] members) {
        this.members = members;
        int sum = 0;
        for (Configuration member : members) {
            sum += member.hashCode();
        }
        this.hash = sum;
    }

    @Override
    public GrammarState accept(int unsignedByte) {
        if ((unsignedByte & ~0xFF) != 0) {
            throw new IllegalArgumentException("a byte is 0..255, not " + unsignedByte);
        }
        if (keptByAll(unsignedByte)) {
            return this;
        }
        Configurations out = new Configurations();
        for (Configuration member : members) {
            member.acceptInto(unsignedByte, out);
        }
        GrammarState after = out.toState();
        return equals(after) ? this : after;
    }

    private boolean keptByAll(int unsignedByte) {
        for (Configuration member : members) {
            if (!member.keeps(unsignedByte)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean isComplete() {
        for (Configuration member : members) {
            if (member.isComplete()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean isClosed() {
        for (Configuration member : members) {
            if (!member.isClosed()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int bytesToComplete() {
        int fewest = Element.UNREACHABLE;
        for (Configuration member : members) {
            fewest = Math.min(fewest, member.bytesToComplete());
        }
        return fewest;
    }

    int size() {
        return members.length;
    }

    boolean contains(Configuration configuration) {
        for (Configuration member : members) {
            if (member.equals(configuration)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (!(other instanceof ConfigurationSet that) || hash != that.hash || members.length != that.members.length) {
            return false;
        }
        for (Configuration member : members) {
            if (!that.contains(member)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "ConfigurationSet" + java.util.Arrays.toString(members);
    }
}
