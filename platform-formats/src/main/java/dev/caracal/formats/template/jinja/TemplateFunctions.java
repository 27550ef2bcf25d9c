package dev.caracal.formats.template.jinja;

import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * The global functions transformers gives chat templates: {@code raise_exception(message)} and
 * {@code strftime_now(format)}.
 */
final class TemplateFunctions {

    private TemplateFunctions() {
    }

    /** {@code raise_exception(message)}: stops the render with the template's own message. */
    public static Object raiseException(Object message) {
        throw new RaisedByTemplate(message == null ? "None" : PythonValues.str(message));
    }

    /** {@code strftime_now(format)}: the local date and time now, formatted as Python's {@code strftime} does. */
    public static String strftimeNow(Object format) {
        return strftime(ZonedDateTime.now(), format == null ? "" : format.toString());
    }

    /** Python's {@code datetime.strftime} in the C locale, for the directives templates use. */
    static String strftime(ZonedDateTime time, String format) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                out.append(c);
                continue;
            }
            char directive = format.charAt(++i);
            boolean unpadded = false;
            if (directive == '-' && i + 1 < format.length()) {
                unpadded = true;
                directive = format.charAt(++i);
            }
            String text = switch (directive) {
                case 'a' -> time.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                case 'A' -> time.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                case 'w' -> Integer.toString(time.getDayOfWeek().getValue() % 7);
                case 'u' -> Integer.toString(time.getDayOfWeek().getValue());
                case 'd' -> pad(time.getDayOfMonth(), 2, unpadded);
                case 'e' -> unpadded ? Integer.toString(time.getDayOfMonth()) : String.format("%2d", time.getDayOfMonth());
                case 'b', 'h' -> time.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                case 'B' -> time.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
                case 'm' -> pad(time.getMonthValue(), 2, unpadded);
                case 'y' -> pad(time.getYear() % 100, 2, unpadded);
                case 'Y' -> Integer.toString(time.getYear());
                case 'H' -> pad(time.getHour(), 2, unpadded);
                case 'I' -> pad(time.getHour() % 12 == 0 ? 12 : time.getHour() % 12, 2, unpadded);
                case 'p' -> time.getHour() < 12 ? "AM" : "PM";
                case 'M' -> pad(time.getMinute(), 2, unpadded);
                case 'S' -> pad(time.getSecond(), 2, unpadded);
                case 'f' -> String.format("%06d", time.getNano() / 1000);
                case 'j' -> pad(time.getDayOfYear(), 3, unpadded);
                case 'V' -> pad(time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, unpadded);
                case 'G' -> Integer.toString(time.get(IsoFields.WEEK_BASED_YEAR));
                // transformers formats a naive datetime.now(): no zone, so both are empty
                case 'z', 'Z' -> "";
                case 'c' -> strftime(time, "%a %b %e %H:%M:%S %Y");
                case 'x' -> strftime(time, "%m/%d/%y");
                case 'X' -> strftime(time, "%H:%M:%S");
                case 'D' -> strftime(time, "%m/%d/%y");
                case 'F' -> strftime(time, "%Y-%m-%d");
                case 'T' -> strftime(time, "%H:%M:%S");
                case 'R' -> strftime(time, "%H:%M");
                case 's' -> Long.toString(time.toEpochSecond());
                case 'n' -> "\n";
                case 't' -> "\t";
                case '%' -> "%";
                default -> (unpadded ? "%-" : "%") + directive;
            };
            out.append(text);
        }
        return out.toString();
    }

    private static String pad(int value, int width, boolean unpadded) {
        return unpadded ? Integer.toString(value) : String.format("%0" + width + "d", value);
    }

    /** A global function seen as a variable, so that {@code strftime_now is defined} holds as in Jinja2. */
    record Global(String name) {

        @Override
        public String toString() {
            return "<function " + name + ">";
        }
    }

    /** The error {@code raise_exception} throws, carrying the template's message. */
    static final class RaisedByTemplate extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RaisedByTemplate(String message) {
            super(message, null, false, false);
        }
    }

}
