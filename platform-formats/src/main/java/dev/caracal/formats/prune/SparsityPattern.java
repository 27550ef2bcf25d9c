package dev.caracal.formats.prune;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which weights of each row a pruning zeroes: a fraction of every row (unstructured), or N:M, where every group of M
 * consecutive input columns keeps exactly N nonzero weights and zeroes the other M − N (NVIDIA's and Wanda's
 * convention: 2:4 keeps 2 of every 4, 50% sparsity).
 *
 * @param fraction unstructured: the fraction of each row zeroed, in [0, 1); 0 for N:M
 * @param kept     N:M: N, the weights kept per group; 0 for unstructured
 * @param group    N:M: M, the group's length; 0 for unstructured
 */
public record SparsityPattern(double fraction, int kept, int group) {

    private static final Pattern N_OF_M = Pattern.compile("(\\d+):(\\d+)");

    public SparsityPattern {
        if (group == 0 && kept == 0) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("sparsity must be at least 0 and below 1, got " + fraction);
            }
        } else if (fraction != 0 || kept < 1 || group < 2 || kept >= group) {
            throw new IllegalArgumentException("N:M needs 1 ≤ N < M (N of every M weights kept), got " + kept + ":"
                    + group);
        }
    }

    /** A fraction of every row zeroed, wherever its weights are. */
    public static SparsityPattern unstructured(double fraction) {
        return new SparsityPattern(fraction, 0, 0);
    }

    /** {@code kept} nonzero weights in every {@code group} consecutive columns. */
    public static SparsityPattern nOfM(int kept, int group) {
        return new SparsityPattern(0, kept, group);
    }

    /**
     * Parses "N:M".
     *
     * @throws IllegalArgumentException when {@code text} is not N:M with 1 ≤ N < M
     */
    public static SparsityPattern parseNOfM(String text) {
        Matcher matcher = N_OF_M.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("pattern '" + text + "' is not N:M (such as 2:4)");
        }
        return nOfM(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    public boolean isStructured() {
        return group > 0;
    }

    /** The fraction of weights zeroed: {@code fraction}, or (M − N) / M. */
    public double sparsity() {
        return isStructured() ? (group - kept) / (double) group : fraction;
    }

    /**
     * Weights zeroed in row {@code row} of a matrix of {@code columns}: (M − N) per group, or for a fraction the row's
     * share of round(fraction × rows × columns), spread over the rows so that each gets ⌊fraction × columns⌋ or one
     * more and every first {@code r} rows together get round(fraction × r × columns): a matrix is as sparse as asked,
     * not as its rounded rows happen to be (13 of 64 per row would be 20.3% for 20%).
     */
    public int zeroedInRow(int row, int columns) {
        return isStructured() ? columns / group * (group - kept)
                : (int) (Math.round(fraction * columns * (row + 1.0)) - Math.round(fraction * columns * row));
    }

    /** Weights zeroed in a matrix of {@code rows} × {@code columns}, the sum of {@link #zeroedInRow}. */
    public long zeroedInMatrix(int rows, int columns) {
        return isStructured() ? (long) rows * zeroedInRow(0, columns) : Math.round(fraction * columns * rows);
    }

    /**
     * Of a row's {@code rowZeros}, those among its first {@code column} of {@code columns}: round(rowZeros × column /
     * columns), so that the columns [a, b) zero the difference and the blocks of a row add up to its count.
     */
    static int zeroedBefore(int rowZeros, int column, int columns) {
        return (int) Math.round((double) rowZeros * column / columns);
    }

    /** "2:4", or the fraction as a percentage: "50%". */
    public String describe() {
        return isStructured() ? kept + ":" + group
                : String.format(Locale.ROOT, "%s%%", stripped(100 * fraction));
    }

    private static String stripped(double value) {
        String text = String.format(Locale.ROOT, "%.4f", value);
        return text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
