package dev.caracal.app.hub;

import java.util.Locale;

/** Byte counts as people read them ({@code 1.1 MiB}), in messages and progress. */
public final class ByteSize {

    private ByteSize() {
    }

    /** {@code bytes} in B, KiB, MiB, GiB or TiB, with one decimal above bytes. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
