package dev.caracal.backend.cuda.internal;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * C function signatures read from a CUDA header ({@code cuda.h}, {@code nvrtc.h}) or from the test's list of them,
 * reduced to what an FFM descriptor can be compared with: each type's kind ({@code pointer}, {@code int32} ...).
 */
final class HeaderSignatures {

    /** A function's return type and parameter types, as C spells them. */
    record Signature(String returnType, List<String> parameterTypes) {

        /** The kinds, return first. */
        List<String> kinds() {
            List<String> kinds = new ArrayList<>();
            kinds.add(kind(returnType));
            parameterTypes.forEach(type -> kinds.add(kind(type)));
            return kinds;
        }
    }

    private static final Pattern PROTOTYPE = Pattern.compile("(?:__CUDA_DEPRECATED\\s+)?\\b(CUresult|nvrtcResult|"
            + "const\\s+char\\s*\\*)\\s*(?:[A-Z][A-Z_]*\\s+)?(\\w+)\\s*\\(([^()]*)\\)\\s*;");
    private static final Pattern DEFINE = Pattern.compile(
            "#\\s*define\\s+(\\w+)\\s+(?:__CUDA_API_PT(?:DS|SZ)\\()?(\\w+)\\)?");
    private static final Pattern LISTED = Pattern.compile("(?m)^(\\w+):\\s*(.+?)\\s*\\((.*)\\)\\s*$");
    private static final Pattern ENUMERATOR = Pattern.compile("\\b(\\w+)\\s*=\\s*(0x[0-9a-fA-F]+|\\d+)\\b");

    private static final Set<String> POINTER_TYPES = Set.of("CUcontext", "CUstream", "CUevent", "CUmodule",
            "CUfunction", "CUgraph", "CUgraphExec", "nvrtcProgram");
    private static final Set<String> INT64_TYPES = Set.of("CUdeviceptr", "size_t", "unsigned long long",
            "cuuint64_t");
    private static final Set<String> INT32_TYPES = Set.of("int", "unsigned int", "CUdevice", "CUresult",
            "nvrtcResult", "CUdevice_attribute", "CUstreamCaptureMode");

    private final Map<String, Signature> prototypes;
    private final Map<String, List<String>> aliases;
    private final Map<String, Long> enumerators;

    private HeaderSignatures(Map<String, Signature> prototypes, Map<String, List<String>> aliases,
            Map<String, Long> enumerators) {
        this.prototypes = prototypes;
        this.aliases = aliases;
        this.enumerators = enumerators;
    }

    /** From a header's text: its prototypes (the first of each name) and {@code #define name symbol} lines. */
    static HeaderSignatures ofHeader(String header) {
        String code = header.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
        Map<String, Signature> prototypes = new LinkedHashMap<>();
        Matcher prototype = PROTOTYPE.matcher(code);
        while (prototype.find()) {
            prototypes.putIfAbsent(prototype.group(2), new Signature(normalize(prototype.group(1)),
                    parameterTypes(prototype.group(3))));
        }
        Map<String, List<String>> aliases = new HashMap<>();
        Matcher define = DEFINE.matcher(code);
        while (define.find()) {
            aliases.computeIfAbsent(define.group(2), symbol -> new ArrayList<>()).add(define.group(1));
        }
        return new HeaderSignatures(prototypes, aliases, enumerators(code));
    }

    /** From the test's list: {@code symbol: returnType (parameterType, ...)} lines and {@code NAME = value} lines. */
    static HeaderSignatures ofList(String list) {
        String code = list.replaceAll("(?m)^#.*$", "");
        Map<String, Signature> prototypes = new LinkedHashMap<>();
        Matcher line = LISTED.matcher(code);
        while (line.find()) {
            List<String> parameters = line.group(3).isBlank() ? List.of()
                    : Arrays.stream(line.group(3).split(",")).map(HeaderSignatures::normalize).toList();
            prototypes.put(line.group(1), new Signature(normalize(line.group(2)), parameters));
        }
        return new HeaderSignatures(prototypes, Map.of(), enumerators(code));
    }

    /**
     * The signature of the exported {@code symbol}: its own prototype, or that of a name the header
     * {@code #define}s to it ({@code cuMemAlloc} for {@code cuMemAlloc_v2}).
     */
    Optional<Signature> signature(String symbol) {
        if (prototypes.containsKey(symbol)) {
            return Optional.of(prototypes.get(symbol));
        }
        return aliases.getOrDefault(symbol, List.of()).stream().filter(prototypes::containsKey).findFirst()
                .map(prototypes::get);
    }

    /** The value of enumerator {@code name} ({@code CU_STREAM_NON_BLOCKING = 0x1}). */
    OptionalLong enumerator(String name) {
        Long value = enumerators.get(name);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** The kinds of a descriptor's layouts, return first, as {@link Signature#kinds()} names them. */
    static List<String> kinds(java.lang.foreign.FunctionDescriptor descriptor) {
        List<String> kinds = new ArrayList<>();
        kinds.add(descriptor.returnLayout().map(HeaderSignatures::kind).orElse("void"));
        descriptor.argumentLayouts().forEach(layout -> kinds.add(kind(layout)));
        return kinds;
    }

    static String kind(MemoryLayout layout) {
        return switch (layout) {
            case AddressLayout ignored -> "pointer";
            case ValueLayout.OfLong ignored -> "int64";
            case ValueLayout.OfInt ignored -> "int32";
            case ValueLayout.OfByte ignored -> "int8";
            case ValueLayout.OfFloat ignored -> "float";
            default -> "unexpected layout " + layout;
        };
    }

    /** The kind of a C type; a type this list does not know fails the comparison, naming it. */
    static String kind(String type) {
        if (type.contains("*") || POINTER_TYPES.contains(type)) {
            return "pointer";
        }
        if (INT64_TYPES.contains(type)) {
            return "int64";
        }
        if (INT32_TYPES.contains(type)) {
            return "int32";
        }
        if (type.equals("unsigned char")) {
            return "int8";
        }
        if (type.equals("float")) {
            return "float";
        }
        return "unknown C type " + type;
    }

    private static List<String> parameterTypes(String parameters) {
        List<String> types = new ArrayList<>();
        for (String parameter : parameters.split(",")) {
            String declaration = normalize(parameter);
            if (declaration.isEmpty() || declaration.equals("void")) {
                continue;
            }
            // drop the parameter's name: the last identifier
            types.add(normalize(declaration.replaceFirst("\\w+$", "")));
        }
        return types;
    }

    /** One space between words, {@code " *"} before each star. */
    private static String normalize(String type) {
        return type.replaceAll("\\s+", " ").replaceAll("\\s*\\*", " *").replaceAll("\\* \\*", "**").strip();
    }

    private static Map<String, Long> enumerators(String code) {
        Map<String, Long> values = new HashMap<>();
        Matcher enumerator = ENUMERATOR.matcher(code);
        while (enumerator.find()) {
            values.putIfAbsent(enumerator.group(1), Long.decode(enumerator.group(2)));
        }
        return values;
    }
}
