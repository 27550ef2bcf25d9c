package dev.caracal.backend.cuda.devicecheck;

import dev.caracal.api.backend.BackendRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Java side of the device check ({@code backend-cuda/device-check/}), run from the carried runtime and jars on a
 * lent GPU machine (and on the CPU here, for a dry run). Not a test: a main class in the test tree, so that the
 * backend's jar needs none of the engine, the CPU backend or the tools.
 *
 * <pre>
 *   probe                                    every backend's availability, as the registry sees it
 *   models    --dir D --shape 1b --formats Q4_0,Q8_0,F16   random-weight GGUF files of a benchmark shape
 *   agreement --model stories260K.gguf --backends cpu,cuda --tokens 64   greedy agreement between backends
 *   speed     --model M --backend cuda --label Q4_0 --batches 1,16 --prefill 512 --prompt 512 --decode 256
 * </pre>
 *
 * Every command prints text for people on standard output and, with {@code --json FILE}, appends one JSON object a
 * line to FILE for the summary ({@code device-check/summarize.py}). The exit code is 0 when everything asked for ran
 * and agreed, 1 when something failed, 2 for bad arguments.
 */
public final class DeviceCheck {

    private DeviceCheck() {
    }

    public static void main(String[] args) throws Exception {
        // Reactor looks for SLF4J, which is absent: keep its notice off stderr.
        System.setProperty("slf4j.internal.verbosity", System.getProperty("slf4j.internal.verbosity", "ERROR"));
        if (args.length == 0) {
            usage(System.err);
            System.exit(2);
        }
        Options options;
        try {
            options = Options.parse(Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException wrong) {
            System.err.println("device-check: " + wrong.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        Json json = new Json(options.path("json", null));
        int status = switch (args[0]) {
            case "probe" -> probe(json);
            case "models" -> Models.run(options, json);
            case "agreement" -> Agreement.run(options, json);
            case "speed" -> Speed.run(options, json);
            default -> {
                System.err.println("device-check: unknown command " + args[0]);
                usage(System.err);
                yield 2;
            }
        };
        System.out.flush();
        System.exit(status);
    }

    private static void usage(PrintStream out) {
        out.println("usage: DeviceCheck probe|models|agreement|speed [--option value ...] [--json FILE]"
                + " (see the class's documentation)");
    }

    /** Prints every provider's availability; 0 whatever it says (the tests and the speed step say what failed). */
    static int probe(Json json) {
        for (BackendRegistry.Entry entry : BackendRegistry.discover()) {
            System.out.printf("backend %-5s available=%s score=%d reasons=%s details=%s%n", entry.provider().name(),
                    entry.availability().available(), entry.provider().score(), entry.availability().reasons(),
                    entry.availability().details());
            Map<String, Object> line = Json.object("event", "probe", "backend", entry.provider().name(),
                    "available", entry.availability().available(), "score", entry.provider().score(),
                    "reasons", String.join("; ", entry.availability().reasons()));
            entry.availability().details().forEach((key, value) -> line.put("detail." + key, value));
            json.emit(line);
        }
        return 0;
    }

    /** {@code --name value} pairs. */
    record Options(Map<String, String> values) {

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --name value, found " + args[i]);
                }
                values.put(args[i].substring(2), args[++i]);
            }
            return new Options(values);
        }

        String text(String name, String fallback) {
            String value = values.get(name);
            if (value == null && fallback == null) {
                throw new IllegalArgumentException("--" + name + " is required");
            }
            return value == null ? fallback : value;
        }

        Path path(String name, Path fallback) {
            String value = values.get(name);
            return value == null ? fallback : Path.of(value);
        }

        int integer(String name, int fallback) {
            String value = values.get(name);
            return value == null ? fallback : Integer.parseInt(value.trim());
        }

        int[] integers(String name, String fallback) {
            return Arrays.stream(text(name, fallback).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .mapToInt(Integer::parseInt).toArray();
        }

        List<String> list(String name, String fallback) {
            return Arrays.stream(text(name, fallback).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .toList();
        }
    }

    /** JSON lines appended to a file (none when no file was given); just what the summary needs, no library. */
    static final class Json {

        private final Path file;

        Json(Path file) {
            this.file = file;
        }

        /** An ordered map of alternating keys and values. */
        static Map<String, Object> object(Object... keysAndValues) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
            return map;
        }

        synchronized void emit(Map<String, Object> line) {
            if (file == null) {
                return;
            }
            try {
                Files.writeString(file, write(line) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException failure) {
                System.err.println("device-check: could not append to " + file + ": " + failure);
            }
        }

        static String write(Object value) {
            StringBuilder out = new StringBuilder();
            append(out, value);
            return out.toString();
        }

        private static void append(StringBuilder out, Object value) {
            switch (value) {
                case null -> out.append("null");
                case Boolean bool -> out.append(bool);
                case Double number when number.isNaN() || number.isInfinite() -> out.append("null");
                case Float number when number.isNaN() || number.isInfinite() -> out.append("null");
                case Double number -> out.append(String.format(Locale.ROOT, "%.6g", number));
                case Float number -> out.append(String.format(Locale.ROOT, "%.6g", number));
                case Number number -> out.append(number);
                case Map<?, ?> map -> {
                    out.append('{');
                    boolean first = true;
                    for (Map.Entry<?, ?> entry : map.entrySet()) {
                        if (!first) {
                            out.append(',');
                        }
                        first = false;
                        appendString(out, String.valueOf(entry.getKey()));
                        out.append(':');
                        append(out, entry.getValue());
                    }
                    out.append('}');
                }
                case int[] array -> {
                    List<Object> boxed = new ArrayList<>();
                    for (int item : array) {
                        boxed.add(item);
                    }
                    append(out, boxed);
                }
                case Iterable<?> items -> {
                    out.append('[');
                    boolean first = true;
                    for (Object item : items) {
                        if (!first) {
                            out.append(',');
                        }
                        first = false;
                        append(out, item);
                    }
                    out.append(']');
                }
                default -> appendString(out, value.toString());
            }
        }

        private static void appendString(StringBuilder out, String text) {
            out.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }

    /** The message of {@code failure} and of its causes, on one line. */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return text.toString();
    }
}
