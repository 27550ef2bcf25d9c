package dev.caracal.backend.xla.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The facts written down from {@code pjrt_c_api.h} in the test resource {@code pjrt-c-api.txt}. */
record PjrtHeaderFacts(int major, int minor, long apiStructSize, List<String> functions, Map<String, Struct> structs,
        Map<String, Integer> enumerators) {

    /** A struct: its {@code STRUCT_SIZE}, its {@code sizeof} and its fields in order. */
    record Struct(String name, long structSize, long sizeOf, List<Field> fields) {
    }

    /** A field: its offset, its C type as the header spells it, its name. */
    record Field(long offset, String type, String name) {

        /** Its size in bytes on LP64. */
        long size() {
            if (type.startsWith("union")) {
                return 8;
            }
            if (type.contains("*") || type.endsWith("Callback") || type.equals("size_t") || type.equals("int64_t")) {
                return 8;
            }
            if (type.equals("bool")) {
                return 1;
            }
            return 4; // int, float and the enums
        }
    }

    static PjrtHeaderFacts load() {
        try (InputStream stream = PjrtHeaderFacts.class.getResourceAsStream("pjrt-c-api.txt")) {
            if (stream == null) {
                throw new IllegalStateException("pjrt-c-api.txt is missing from the test resources");
            }
            return parse(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    static PjrtHeaderFacts parse(String text) {
        int major = -1;
        int minor = -1;
        long apiStructSize = -1;
        List<String> functions = new ArrayList<>();
        Map<String, Struct> structs = new LinkedHashMap<>();
        Map<String, Integer> enumerators = new LinkedHashMap<>();
        String current = null;
        List<Field> fields = null;
        long[] sizes = null;
        for (String line : text.split("\n")) {
            String[] words = line.strip().split(" ");
            switch (words[0]) {
                case "version" -> {
                    major = Integer.parseInt(words[1]);
                    minor = Integer.parseInt(words[2]);
                }
                case "api-struct-size" -> apiStructSize = Long.parseLong(words[1]);
                case "function" -> functions.add(words[1]);
                case "enum" -> enumerators.put(words[1], Integer.parseInt(words[2]));
                case "struct" -> {
                    if (current != null) {
                        structs.put(current, new Struct(current, sizes[0], sizes[1], List.copyOf(fields)));
                    }
                    current = words[1];
                    fields = new ArrayList<>();
                    sizes = new long[] {Long.parseLong(words[2]), Long.parseLong(words[3])};
                }
                case "field" -> {
                    String rest = line.strip().substring("field ".length());
                    int afterOffset = rest.indexOf(' ');
                    int beforeName = rest.lastIndexOf(' ');
                    fields.add(new Field(Long.parseLong(rest.substring(0, afterOffset)),
                            rest.substring(afterOffset + 1, beforeName), rest.substring(beforeName + 1)));
                }
                default -> {
                    // comments and blank lines
                }
            }
        }
        if (current != null) {
            structs.put(current, new Struct(current, sizes[0], sizes[1], List.copyOf(fields)));
        }
        return new PjrtHeaderFacts(major, minor, apiStructSize, List.copyOf(functions), structs, enumerators);
    }
}
