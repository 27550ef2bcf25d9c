package dev.caracal.engine.structured;

import java.util.Map;

/**
 * The string formats a schema may ask for, as patterns over the string's bytes, quotes included: {@code date}
 * (YYYY-MM-DD, days per month and leap years checked), {@code time} and {@code date-time} (RFC 3339: seconds required,
 * 1 to 9 fraction digits, {@code Z} or an offset within ±14:00, upper-case {@code T} and {@code Z}), {@code uuid}
 * (8-4-4-4-12 hex digits, either case).
 */
final class StringFormats {

    private static final String YEAR = "\\d{4}";
    private static final String LEAP_YEAR = "(\\d\\d(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)";
    private static final String MONTH_DAY = "((0[13578]|1[02])-(0[1-9]|[12]\\d|3[01])|(0[469]|11)-(0[1-9]|[12]\\d|30)"
            + "|02-(0[1-9]|1\\d|2[0-8]))";
    private static final String DATE = "(" + YEAR + "-" + MONTH_DAY + "|" + LEAP_YEAR + "-02-29)";
    private static final String OFFSET = "(Z|[+\\-]((0\\d|1[0-3]):[0-5]\\d|14:00))";
    private static final String TIME = "([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,9})?" + OFFSET;
    private static final String HEX = "[0-9a-fA-F]";
    private static final String UUID = HEX + "{8}-" + HEX + "{4}-" + HEX + "{4}-" + HEX + "{4}-" + HEX + "{12}";

    private static final Map<String, String> PATTERNS = Map.of("date", DATE, "time", TIME, "date-time",
            DATE + "T" + TIME, "uuid", UUID);

    /** The formats supported, as named in messages. */
    static final String NAMES = "date, time, date-time, uuid";

    private StringFormats() {
    }

    static boolean isSupported(String format) {
        return PATTERNS.containsKey(format);
    }

    /** A JSON string in {@code format}, quotes included. */
    static Element element(String format) {
        return Cache.ELEMENTS.get(format);
    }

    /** The format automata, built when first asked for. */
    private static final class Cache {
        static final Map<String, Element> ELEMENTS = Map.of(
                "date", quoted(DATE), "time", quoted(TIME), "date-time", quoted(PATTERNS.get("date-time")),
                "uuid", quoted(UUID));

        private static Element quoted(String pattern) {
            return new LeafElement(BytePattern.compile("\"" + pattern + "\""));
        }
    }
}
