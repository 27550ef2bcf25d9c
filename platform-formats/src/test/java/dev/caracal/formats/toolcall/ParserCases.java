package dev.caracal.formats.toolcall;

import static dev.caracal.formats.toolcall.ParserCase.call;
import static dev.caracal.formats.toolcall.ParserCase.output;
import static dev.caracal.formats.toolcall.ReasoningFormat.NONE;
import static dev.caracal.formats.toolcall.ReasoningFormat.THINK_TAGS;
import static dev.caracal.formats.toolcall.ToolCallFormat.HERMES;
import static dev.caracal.formats.toolcall.ToolCallFormat.LLAMA3_JSON;
import static dev.caracal.formats.toolcall.ToolCallFormat.MISTRAL;

import java.util.ArrayList;
import java.util.List;

/** The replies every parser test reads: per format, the cases the formats' rules name, and their edges. */
final class ParserCases {

    /** Arguments with nested objects and arrays, and strings holding braces, quotes, a closing tag, escapes, unicode. */
    static final String NESTED = "{\"query\": {\"filters\": [{\"field\": \"city\", \"in\": [\"Paris\", \"Zürich\"]},"
            + " {\"range\": [1, 2.5e3, -0.5]}], \"deep\": {\"a\": {\"b\": {\"c\": [[], {}]}}}},"
            + " \"text\": \"a } b \\\" c </tool_call> d ] e [TOOL_CALLS] f\","
            + " \"unicode\": \"héllo 世界 😀 \\u00e9\\ud83d\\ude00\", \"flags\": [true, false, null]}";

    private ParserCases() {
    }

    static List<ParserCase> all() {
        List<ParserCase> cases = new ArrayList<>();
        cases.addAll(hermes());
        cases.addAll(llama3());
        cases.addAll(mistral());
        cases.addAll(reasoningAlone());
        return cases;
    }

    static List<ParserCase> hermes() {
        String weather = "{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}";
        String time = "{\"name\": \"get_time\", \"arguments\": {\"zone\": \"CET\"}}";
        return List.of(
                hermes("plain content", "Hello! How can I help you today?",
                        output("Hello! How can I help you today?", null)),
                hermes("one call", "<tool_call>\n" + weather + "\n</tool_call>",
                        output(null, null, call(0, "get_weather", "{\"city\": \"Paris\"}"))),
                hermes("two parallel calls", "<tool_call>\n" + weather + "\n</tool_call>\n<tool_call>\n" + time
                                + "\n</tool_call>",
                        output(null, null, call(0, "get_weather", "{\"city\": \"Paris\"}"),
                                call(1, "get_time", "{\"zone\": \"CET\"}"))),
                hermes("content before a call", "Let me check the weather.\n<tool_call>\n" + weather + "\n</tool_call>",
                        output("Let me check the weather.", null, call(0, "get_weather", "{\"city\": \"Paris\"}"))),
                hermes("content after the last call", "<tool_call>\n" + weather + "\n</tool_call>\n\nDone </tool_call>.",
                        output("Done </tool_call>.", null, call(0, "get_weather", "{\"city\": \"Paris\"}"))),
                hermes("nested arguments", "<tool_call>\n{\"name\": \"search\", \"arguments\": " + NESTED
                                + "}\n</tool_call>",
                        output(null, null, call(0, "search", NESTED))),
                hermes("arguments before name", "<tool_call>\n{\"arguments\": {\"x\": [1, {\"y\": \"}\"}]}, \"name\": \"f\"}"
                                + "\n</tool_call>",
                        output(null, null, call(0, "f", "{\"x\": [1, {\"y\": \"}\"}]}"))),
                hermes("arguments as a JSON string", "<tool_call>\n{\"name\": \"f\", \"arguments\": \" {\\\"a\\\": \\\"}\\\"} \"}"
                                + "\n</tool_call>",
                        output(null, null, call(0, "f", "{\"a\": \"}\"}"))),
                hermes("no arguments", "<tool_call>\n{\"name\": \"now\"}\n</tool_call>",
                        output(null, null, call(0, "now", "{}"))),
                hermes("no closing tag", "<tool_call>\n" + weather,
                        output(null, null, call(0, "get_weather", "{\"city\": \"Paris\"}"))),
                hermes("other keys and escapes in the name", "<tool_call>{\"id\": 7, \"name\": \"get_\\u0074ime\","
                                + " \"arguments\": {}, \"extra\": [1, -2.0E+3]}</tool_call>",
                        output(null, null, call(0, "get_time", "{}"))),
                hermes("malformed: arguments not an object",
                        "Sure.\n<tool_call>\n{\"name\": \"f\", \"arguments\": [1, 2]}\n</tool_call>",
                        output("Sure.\n<tool_call>\n{\"name\": \"f\", \"arguments\": [1, 2]}\n</tool_call>", null)),
                hermes("malformed: bad JSON", "<tool_call>\n{name: \"f\"}\n</tool_call>",
                        output("<tool_call>\n{name: \"f\"}\n</tool_call>", null)),
                hermes("malformed: no name", "<tool_call>\n{\"arguments\": {\"a\": 1}}\n</tool_call>",
                        output("<tool_call>\n{\"arguments\": {\"a\": 1}}\n</tool_call>", null)),
                hermes("malformed: arguments string not JSON", "<tool_call>{\"name\": \"f\", \"arguments\": \"{oops\"}",
                        output("<tool_call>{\"name\": \"f\", \"arguments\": \"{oops\"}", null)),
                hermes("malformed then valid", "<tool_call>oops</tool_call>\n<tool_call>\n" + weather + "\n</tool_call>",
                        output("<tool_call>oops</tool_call>", null, call(0, "get_weather", "{\"city\": \"Paris\"}"))),
                hermes("a marker inside a malformed block", "<tool_call>{\"name\": \"x <tool_call>" + weather + "</tool_call>",
                        output("<tool_call>{\"name\": \"x", null, call(0, "get_weather", "{\"city\": \"Paris\"}"))),
                hermes("cut off before the name", "<tool_call>\n{\"name\": \"get_wea",
                        output("<tool_call>\n{\"name\": \"get_wea", null)),
                hermes("cut off in the arguments", "<tool_call>\n{\"name\": \"f\", \"arguments\": {\"q\": \"ab\\",
                        output("\\", null, call(0, "f", "{\"q\": \"ab\"}"))),
                hermes("invalid after the start", "<tool_call>\n{\"name\": \"f\", \"arguments\": {\"a\": 1, \"b\": tru}}"
                                + "\n</tool_call>",
                        output(", \"b\": tru}}\n</tool_call>", null, call(0, "f", "{\"a\": 1}"))),
                hermes("a marker right after a marker's first character", "x <<tool_call>" + weather,
                        output("x <", null, call(0, "get_weather", "{\"city\": \"Paris\"}"))),
                hermes("a marker prefix that is text", "a <tool_ b <tool_call",
                        output("a <tool_ b <tool_call", null)),
                hermes("reasoning then a call", THINK_TAGS, false,
                        "<think>\nThe user wants the weather.\n</think>\n\n<tool_call>\n" + weather + "\n</tool_call>",
                        output(null, "\nThe user wants the weather.\n", call(0, "get_weather", "{\"city\": \"Paris\"}"))),
                hermes("reasoning only", THINK_TAGS, false, "  <think>Hmm, <tool_call> is not here.</think>\n\n",
                        output(null, "Hmm, <tool_call> is not here.")),
                hermes("starts inside reasoning", THINK_TAGS, true,
                        "Let me think </thin k>.\n</think>\n\nIt is sunny.\n<tool_call>" + weather + "</tool_call>",
                        output("It is sunny.", "Let me think </thin k>.\n", call(0, "get_weather", "{\"city\": \"Paris\"}"))),
                hermes("reasoning never closed", THINK_TAGS, false, "<think>still thinking </thi",
                        output(null, "still thinking </thi")),
                hermes("content that only looks like reasoning", THINK_TAGS, false, "x <think>y</think> z",
                        output("x <think>y</think> z", null)));
    }

    static List<ParserCase> llama3() {
        String weather = "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}";
        return List.of(
                llama3("plain content", "The weather in Paris is sunny.", output("The weather in Paris is sunny.", null)),
                llama3("plain content with leading whitespace", "\n  Hi {there}", output("\n  Hi {there}", null)),
                llama3("one call", weather, output(null, null, call(0, "get_weather", "{\"city\": \"Paris\"}"))),
                llama3("one call after the python tag", "<|python_tag|>" + weather,
                        output(null, null, call(0, "get_weather", "{\"city\": \"Paris\"}"))),
                llama3("one call with arguments", " {\"name\": \"f\", \"arguments\": {\"a\": 1}} ",
                        output(null, null, call(0, "f", "{\"a\": 1}"))),
                llama3("two parallel calls", weather + "; {\"name\": \"get_time\", \"parameters\": {\"zone\": \"CET\"}}",
                        output(null, null, call(0, "get_weather", "{\"city\": \"Paris\"}"),
                                call(1, "get_time", "{\"zone\": \"CET\"}"))),
                llama3("nested arguments", "{\"name\": \"search\", \"parameters\": " + NESTED + "}",
                        output(null, null, call(0, "search", NESTED))),
                llama3("arguments before name", "{\"parameters\": {\"x\": \"{\\\"\"}, \"name\": \"f\"}",
                        output(null, null, call(0, "f", "{\"x\": \"{\\\"\"}"))),
                llama3("content after the call", weather + "\nThat is all.",
                        output("That is all.", null, call(0, "get_weather", "{\"city\": \"Paris\"}"))),
                llama3("malformed: JSON that is no call", "{\"answer\": 42}", output("{\"answer\": 42}", null)),
                llama3("malformed: a name but no parameters", "{\"name\": \"Alice\", \"age\": 3}",
                        output("{\"name\": \"Alice\", \"age\": 3}", null)),
                llama3("malformed: bad JSON after the tag", "<|python_tag|>{\"name\": f}",
                        output("<|python_tag|>{\"name\": f}", null)),
                llama3("malformed: a tag prefix", "<|python> hi", output("<|python> hi", null)),
                llama3("text before JSON is content", "Sure: " + weather, output("Sure: " + weather, null)),
                llama3("malformed second call", weather + "; oops",
                        output("; oops", null, call(0, "get_weather", "{\"city\": \"Paris\"}"))),
                llama3("reasoning then a call", THINK_TAGS, false, "<think>Use the tool.</think>\n" + weather,
                        output(null, "Use the tool.", call(0, "get_weather", "{\"city\": \"Paris\"}"))),
                llama3("reasoning only", THINK_TAGS, false, "<think>I will just answer", output(null, "I will just answer")),
                llama3("starts inside reasoning", THINK_TAGS, true, "plan\n</think>\n\n" + weather,
                        output(null, "plan\n", call(0, "get_weather", "{\"city\": \"Paris\"}"))));
    }

    static List<ParserCase> mistral() {
        String weather = "{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}, \"id\": \"a1b2c3d4e\"}";
        String time = "{\"id\": \"f5g6h7i8j\", \"name\": \"get_time\", \"arguments\": {\"zone\": \"CET\"}}";
        return List.of(
                mistral("plain content", "Paris is sunny [today].", output("Paris is sunny [today].", null)),
                mistral("one call", "[TOOL_CALLS][" + weather + "]",
                        output(null, null, call(0, "get_weather", "{\"city\": \"Paris\"}"))),
                mistral("two parallel calls", "[TOOL_CALLS] [ " + weather + ",\n " + time + " ]",
                        output(null, null, call(0, "get_weather", "{\"city\": \"Paris\"}"),
                                call(1, "get_time", "{\"zone\": \"CET\"}"))),
                mistral("content before a call", "Checking. [TOOL_CALLS][" + weather + "]",
                        output("Checking.", null, call(0, "get_weather", "{\"city\": \"Paris\"}"))),
                mistral("a single object", "[TOOL_CALLS]" + weather,
                        output(null, null, call(0, "get_weather", "{\"city\": \"Paris\"}"))),
                mistral("nested arguments", "[TOOL_CALLS][{\"name\": \"search\", \"arguments\": " + NESTED + "}]",
                        output(null, null, call(0, "search", NESTED))),
                mistral("arguments before name", "[TOOL_CALLS][{\"arguments\": {\"k\": [\"]\"]}, \"name\": \"f\"}]",
                        output(null, null, call(0, "f", "{\"k\": [\"]\"]}"))),
                mistral("malformed: no list", "[TOOL_CALLS] get_weather(Paris)",
                        output("[TOOL_CALLS] get_weather(Paris)", null)),
                mistral("malformed: no name", "[TOOL_CALLS][{\"arguments\": {}}]",
                        output("[TOOL_CALLS][{\"arguments\": {}}]", null)),
                mistral("malformed second element", "[TOOL_CALLS][" + weather + ", {\"oops\": 1}]",
                        output(", {\"oops\": 1}]", null, call(0, "get_weather", "{\"city\": \"Paris\"}"))),
                mistral("reasoning then a call", THINK_TAGS, false, "<think>Call it.</think>[TOOL_CALLS][" + weather + "]",
                        output(null, "Call it.", call(0, "get_weather", "{\"city\": \"Paris\"}"))),
                mistral("reasoning only", THINK_TAGS, false, "<think>[TOOL_CALLS] no</think>",
                        output(null, "[TOOL_CALLS] no")),
                mistral("starts inside reasoning", THINK_TAGS, true, "x</think>  Fine.",
                        output("Fine.", "x")));
    }

    /** No tools offered: markers are plain content; reasoning alone. */
    static List<ParserCase> reasoningAlone() {
        return List.of(
                new ParserCase("markers are content", ToolCallFormat.NONE, NONE, false,
                        "<tool_call>\n{\"name\": \"f\", \"arguments\": {}}\n</tool_call>",
                        output("<tool_call>\n{\"name\": \"f\", \"arguments\": {}}\n</tool_call>", null)),
                new ParserCase("think tags are content without reasoning", ToolCallFormat.NONE, NONE, false,
                        "<think>a</think>b", output("<think>a</think>b", null)),
                new ParserCase("reasoning and content", ToolCallFormat.NONE, THINK_TAGS, false,
                        "\n<think>\nStep 1.\n</think>\n\nThe answer is 4.\n",
                        output("The answer is 4.\n", "\nStep 1.\n")),
                new ParserCase("starts inside reasoning", ToolCallFormat.NONE, THINK_TAGS, true,
                        "<think> is a tag.</think>ok", output("ok", "<think> is a tag.")));
    }

    private static ParserCase hermes(String name, String reply, ParsedOutput expected) {
        return new ParserCase(name, HERMES, NONE, false, reply, expected);
    }

    private static ParserCase hermes(String name, ReasoningFormat reasoning, boolean startsInside, String reply,
            ParsedOutput expected) {
        return new ParserCase(name, HERMES, reasoning, startsInside, reply, expected);
    }

    private static ParserCase llama3(String name, String reply, ParsedOutput expected) {
        return new ParserCase(name, LLAMA3_JSON, NONE, false, reply, expected);
    }

    private static ParserCase llama3(String name, ReasoningFormat reasoning, boolean startsInside, String reply,
            ParsedOutput expected) {
        return new ParserCase(name, LLAMA3_JSON, reasoning, startsInside, reply, expected);
    }

    private static ParserCase mistral(String name, String reply, ParsedOutput expected) {
        return new ParserCase(name, MISTRAL, NONE, false, reply, expected);
    }

    private static ParserCase mistral(String name, ReasoningFormat reasoning, boolean startsInside, String reply,
            ParsedOutput expected) {
        return new ParserCase(name, MISTRAL, reasoning, startsInside, reply, expected);
    }
}
