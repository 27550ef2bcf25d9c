package dev.caracal.backend.xla.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.PaddingLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The FFM layouts and function indices the bindings use are the ones {@code pjrt_c_api.h} 0.105 declares: checked
 * against the facts written down from the header ({@code pjrt-c-api.txt}), those facts against what gcc makes of the
 * listed field types, and, where a copy of the header is at hand ({@code PJRT_C_API_HEADER}), against the header.
 */
class PjrtLayoutsTest {

    private static final PjrtHeaderFacts HEADER = PjrtHeaderFacts.load();

    @Test
    void theBindingsAreOfTheHeadersVersion() {
        assertThat(PjrtApi.MAJOR).isEqualTo(HEADER.major());
        assertThat(PjrtApi.MINOR).isEqualTo(HEADER.minor());
        assertThat(HEADER.functions()).hasSize(136).doesNotHaveDuplicates();
    }

    @Test
    void everyStructHasTheHeadersFieldsOffsetsAndSizes() {
        Set<String> bound = new TreeSet<>();
        for (StructLayout layout : PjrtStructs.all()) {
            String name = layout.name().orElseThrow();
            bound.add(name);
            PjrtHeaderFacts.Struct header = HEADER.structs().get(name);
            assertThat(header).as("%s is written down from the header", name).isNotNull();
            List<MemoryLayout> fields = layout.memberLayouts().stream()
                    .filter(member -> !(member instanceof PaddingLayout)).toList();
            assertThat(fields.stream().map(field -> field.name().orElseThrow()))
                    .as("the fields of %s", name).containsExactlyElementsOf(header.fields().stream()
                            .map(PjrtHeaderFacts.Field::name).toList());
            for (PjrtHeaderFacts.Field field : header.fields()) {
                MemoryLayout.PathElement path = MemoryLayout.PathElement.groupElement(field.name());
                assertThat(layout.byteOffset(path)).as("offsetof(%s, %s)", name, field.name())
                        .isEqualTo(field.offset());
                assertThat(layout.select(path).byteSize()).as("sizeof %s.%s (%s)", name, field.name(), field.type())
                        .isEqualTo(field.size());
            }
            assertThat(PjrtStructs.structSize(layout)).as("%s_STRUCT_SIZE", name).isEqualTo(header.structSize());
            assertThat(layout.byteSize()).as("sizeof(%s)", name).isEqualTo(header.sizeOf());
        }
        assertThat(bound).as("every struct written down is bound").containsAll(HEADER.structs().keySet());
    }

    @Test
    void structSizeIsTheEndOfTheLastFieldNotTheTailPaddedSize() {
        assertThat(PjrtStructs.structSize(PjrtStructs.EVENT_IS_READY)).isEqualTo(25);
        assertThat(PjrtStructs.EVENT_IS_READY.byteSize()).isEqualTo(32);
        assertThat(PjrtStructs.structSize(PjrtStructs.DEVICE_MEMORY_STATS)).isEqualTo(185);
        assertThat(PjrtStructs.DEVICE_MEMORY_STATS.byteSize()).isEqualTo(192);
        assertThat(PjrtStructs.structSize(PjrtStructs.PLUGIN_INITIALIZE)).isEqualTo(16);
        try (Arena arena = Arena.ofConfined()) {
            Args args = Args.allocate(arena, PjrtStructs.BUFFER_ELEMENT_TYPE);
            assertThat(args.getLong("struct_size")).isEqualTo(28);
            assertThat(args.segment().byteSize()).isEqualTo(32);
        }
    }

    @Test
    void everyBoundFunctionIsAtItsIndexInThePjrtApiTable() {
        assertThat(PjrtFunction.TABLE_OFFSET).isEqualTo(PjrtStructs.API_HEAD.byteSize()).isEqualTo(40);
        assertThat(HEADER.apiStructSize()).isEqualTo(PjrtFunction.TABLE_OFFSET + 8L * HEADER.functions().size());
        for (PjrtFunction function : PjrtFunction.values()) {
            assertThat(HEADER.functions().indexOf(function.header)).as("the index of %s", function.header)
                    .isEqualTo(function.index);
            assertThat(function.offset()).isEqualTo(40 + 8L * function.index);
            assertThat(function.args.name()).as("the argument of %s", function.header)
                    .contains(function.header + "_Args");
        }
    }

    @Test
    void theEnumeratorsAreTheHeaders() {
        for (PjrtErrorCode code : PjrtErrorCode.values()) {
            assertThat(HEADER.enumerators().get(code.headerName())).as(code.headerName()).isEqualTo(code.code());
        }
        assertThat(HEADER.enumerators().keySet().stream().filter(name -> name.startsWith("PJRT_Error_Code_")))
                .hasSize(PjrtErrorCode.values().length);
        for (PjrtBufferType type : PjrtBufferType.values()) {
            assertThat(HEADER.enumerators().get(type.headerName())).as(type.headerName()).isEqualTo(type.code());
        }
        assertThat(HEADER.enumerators().keySet().stream().filter(name -> name.startsWith("PJRT_Buffer_Type_")))
                .hasSize(PjrtBufferType.values().length);
        for (HostBufferSemantics semantics : HostBufferSemantics.values()) {
            assertThat(HEADER.enumerators().get(semantics.headerName())).as(semantics.headerName())
                    .isEqualTo(semantics.code());
        }
        for (NamedValue.Type type : NamedValue.Type.values()) {
            assertThat(HEADER.enumerators().get(type.headerName())).as(type.headerName()).isEqualTo(type.code());
        }
    }

    @Test
    void aFieldWrittenWithTheWrongTypeIsRefused() {
        try (Arena arena = Arena.ofConfined()) {
            Args args = Args.allocate(arena, PjrtStructs.CLIENT_DESTROY);
            assertThatThrownBy(() -> args.set("client", 5L)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("PJRT_Client_Destroy_Args.client");
            assertThatThrownBy(() -> args.set("clients", MemorySegment.NULL))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void namedValuesRoundTripThroughTheirUnion() {
        List<NamedValue> values = List.of(NamedValue.of("platform", "cuda"), NamedValue.of("node_id", 3L),
                NamedValue.of("visible_devices", List.of(0L, 2L)), NamedValue.of("memory_fraction", 0.75f),
                NamedValue.of("preallocate", false));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment array = NamedValue.toNative(arena, values);
            assertThat(array.byteSize()).isEqualTo(56L * values.size());
            Args third = Args.at(array, PjrtStructs.NAMED_VALUE, 3);
            assertThat(third.getLong("struct_size")).isEqualTo(56);
            assertThat(third.getInt("type")).isEqualTo(3);
            assertThat(third.segment().get(ValueLayout.JAVA_FLOAT, 40)).isEqualTo(0.75f);
            assertThat(NamedValue.fromNative(array, values.size())).isEqualTo(values);
        }
        assertThatThrownBy(() -> new NamedValue("ratio", 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Double");
    }

    @Test
    void theWrittenDownOffsetsAreWhatGccMakesOfTheListedTypes() {
        assumeTrue(FakePlugins.gccAvailable(), "gcc is not installed");
        Map<String, String> compiled = parse(FakePlugins.runProgram("pjrt_layouts_from_list", program(null)));
        assertThat(differences(expected(false), compiled)).isEmpty();
    }

    /**
     * Against a copy of the header itself: {@code PJRT_C_API_HEADER} names {@code pjrt_c_api.h} (from an XLA checkout
     * or a TensorFlow wheel's {@code include/xla/pjrt/c}). A header of another version fails, listing what moved.
     */
    @Test
    void aCopyOfTheHeaderAgreesWhereOneIsGiven() {
        String variable = System.getenv("PJRT_C_API_HEADER");
        assumeTrue(variable != null && Files.isRegularFile(Path.of(variable)), "PJRT_C_API_HEADER names no header");
        assumeTrue(FakePlugins.gccAvailable(), "gcc is not installed");
        Map<String, String> compiled = parse(FakePlugins.runProgram("pjrt_layouts_from_header",
                program(Path.of(variable).toAbsolutePath())));
        assertThat(differences(expected(true), compiled)).as("what %s says otherwise than pjrt-c-api.txt", variable)
                .isEmpty();
    }

    /** What the C program prints, from the written-down facts: struct sizes, offsets (and, for a header, more). */
    private static Map<String, String> expected(boolean header) {
        Map<String, String> lines = new TreeMap<>();
        for (PjrtHeaderFacts.Struct struct : HEADER.structs().values()) {
            lines.put("size " + struct.name(), struct.structSize() + " " + struct.sizeOf());
            for (PjrtHeaderFacts.Field field : struct.fields()) {
                lines.put("offset " + struct.name() + "." + field.name(), String.valueOf(field.offset()));
            }
        }
        if (header) {
            lines.put("version", HEADER.major() + "." + HEADER.minor());
            lines.put("size PJRT_Api", String.valueOf(HEADER.apiStructSize()));
            for (int i = 0; i < HEADER.functions().size(); i++) {
                lines.put("offset PJRT_Api." + HEADER.functions().get(i), String.valueOf(40 + 8 * i));
            }
        }
        return lines;
    }

    /** {@code what: written down X, compiled Y} for each line the two disagree on. */
    private static List<String> differences(Map<String, String> written, Map<String, String> compiled) {
        Set<String> keys = new TreeSet<>(written.keySet());
        keys.addAll(compiled.keySet());
        return keys.stream().filter(key -> !Objects.equals(written.get(key), compiled.get(key)))
                .map(key -> key + ": written down " + written.get(key) + ", compiled " + compiled.get(key)).toList();
    }

    private static Map<String, String> parse(String output) {
        Map<String, String> lines = new TreeMap<>();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                int value = line.lastIndexOf(':');
                lines.put(line.substring(0, value), line.substring(value + 1).strip());
            }
        }
        return lines;
    }

    private static final Pattern IDENTIFIER = Pattern.compile("\\bPJRT_\\w+");
    private static final Set<String> ENUMS = Set.of("PJRT_Error_Code", "PJRT_NamedValue_Type", "PJRT_Buffer_Type",
            "PJRT_HostBufferSemantics");

    /**
     * A C program printing {@code size NAME: STRUCT_SIZE sizeof} and {@code offset NAME.field: offset} for every
     * written-down struct: declared from the listed field types where {@code header} is null (STRUCT_SIZE computed as
     * PJRT_STRUCT_SIZE does, from the last listed field), else from the header (its own NAME_STRUCT_SIZE, so a field
     * missing from the list shows), with the PJRT_Api offsets and the version too.
     */
    private static String program(Path header) {
        StringBuilder c = new StringBuilder("#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n"
                + "#include <stdio.h>\n");
        List<String> body = new ArrayList<>();
        if (header == null) {
            Set<String> referenced = new LinkedHashSet<>();
            for (PjrtHeaderFacts.Struct struct : HEADER.structs().values()) {
                referenced.add(struct.name());
                for (PjrtHeaderFacts.Field field : struct.fields()) {
                    Matcher identifier = IDENTIFIER.matcher(field.type());
                    while (identifier.find()) {
                        referenced.add(identifier.group());
                    }
                }
            }
            for (String name : referenced) {
                if (ENUMS.contains(name)) {
                    c.append("typedef enum { ").append(name).append("_first = 0 } ").append(name).append(";\n");
                } else if (name.endsWith("Callback")) {
                    c.append("typedef void (*").append(name).append(")(void);\n");
                } else {
                    c.append("typedef struct ").append(name).append(' ').append(name).append(";\n");
                }
            }
            for (PjrtHeaderFacts.Struct struct : HEADER.structs().values()) {
                c.append("struct ").append(struct.name()).append(" {").append(struct.fields().stream()
                        .map(field -> " " + field.type() + " " + field.name() + ";").collect(Collectors.joining()))
                        .append(" };\n");
            }
        } else {
            c.append("#include \"").append(header).append("\"\n");
            body.add("printf(\"version:%d.%d\\n\", PJRT_API_MAJOR, PJRT_API_MINOR);");
            body.add("printf(\"size PJRT_Api:%zu\\n\", (size_t) PJRT_Api_STRUCT_SIZE);");
            for (String function : HEADER.functions()) {
                body.add("printf(\"offset PJRT_Api." + function + ":%zu\\n\", offsetof(PJRT_Api, " + function
                        + "));");
            }
        }
        for (PjrtHeaderFacts.Struct struct : HEADER.structs().values()) {
            String name = struct.name();
            String last = struct.fields().getLast().name();
            String structSize = header != null ? "(size_t) " + name + "_STRUCT_SIZE"
                    : "offsetof(" + name + ", " + last + ") + sizeof(((" + name + "*) 0)->" + last + ")";
            body.add("printf(\"size " + name + ":%zu %zu\\n\", " + structSize + ", sizeof(" + name + "));");
            for (PjrtHeaderFacts.Field field : struct.fields()) {
                body.add("printf(\"offset " + name + "." + field.name() + ":%zu\\n\", offsetof(" + name + ", "
                        + member(field, header != null) + "));");
            }
        }
        c.append("int main(void) {\n");
        body.forEach(line -> c.append("  ").append(line).append('\n'));
        return c.append("  return 0;\n}\n").toString();
    }

    /** The C member naming {@code field}: in the header, the anonymous union is reached through its first member. */
    private static String member(PjrtHeaderFacts.Field field, boolean header) {
        if (header && field.type().startsWith("union")) {
            Matcher first = Pattern.compile("\\{[^;]*?(\\w+);").matcher(field.type());
            return first.find() ? first.group(1) : field.name();
        }
        return field.name();
    }
}
