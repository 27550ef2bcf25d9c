package dev.caracal.backend.cpu;

import dev.caracal.api.kernel.RopeSpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * Cosines and sines of every rotary angle {@code position · frequency(pair)}, computed in double once per
 * {@link RopeSpec} and grown (doubling) as positions grow, so that a warm {@code rope} call computes no trigonometry
 * and allocates nothing. Keeps the tables of the few most recent specs.
 */
final class RopeTables {

    /** One spec's table: entry {@code position * pairs + pair}. */
    record Table(RopeSpec spec, int positions, float[] cos, float[] sin) {
    }

    private static final int MINIMUM_POSITIONS = 1024;

    private final Table[] recent = new Table[4];
    private int next;

    /** The table for {@code spec} covering positions {@code 0..maxPosition}. */
    Table table(RopeSpec spec, int maxPosition) {
        for (int i = 0; i < recent.length; i++) {
            Table table = recent[i];
            if (table != null && same(table.spec(), spec)) {
                if (maxPosition < table.positions()) {
                    return table;
                }
                recent[i] = build(spec, Math.max(2 * table.positions(), maxPosition + 1));
                return recent[i];
            }
        }
        Table table = build(spec, Math.max(MINIMUM_POSITIONS, Integer.highestOneBit(maxPosition) * 2));
        recent[next] = table;
        next = (next + 1) % recent.length;
        return table;
    }

    private static boolean same(RopeSpec a, RopeSpec b) {
        return a == b || a.headSize() == b.headSize() && a.dimensionCount() == b.dimensionCount()
                && Float.compare(a.frequencyBase(), b.frequencyBase()) == 0 && a.neox() == b.neox()
                && Objects.equals(a.scaling(), b.scaling()) && Arrays.equals(a.frequencyFactors(), b.frequencyFactors());
    }

    private static Table build(RopeSpec spec, int positions) {
        int pairs = spec.dimensionCount() / 2;
        double[] frequencies = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            frequencies[i] = spec.frequency(i);
        }
        float[] cos = new float[Math.multiplyExact(positions, pairs)]; // [positions, pairs]
        float[] sin = new float[positions * pairs]; // [positions, pairs]
        for (int p = 0; p < positions; p++) {
            for (int i = 0; i < pairs; i++) {
                double angle = p * frequencies[i];
                cos[p * pairs + i] = (float) Math.cos(angle);
                sin[p * pairs + i] = (float) Math.sin(angle);
            }
        }
        return new Table(spec, positions, cos, sin);
    }
}
