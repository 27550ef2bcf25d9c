package dev.caracal.formats.toolcall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.formats.template.ChatMessage;
import dev.caracal.formats.toolcall.OutputEvent.ContentDelta;
import dev.caracal.formats.toolcall.OutputEvent.ReasoningDelta;
import dev.caracal.formats.toolcall.OutputEvent.ToolCallArguments;
import dev.caracal.formats.toolcall.OutputEvent.ToolCallStart;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each reply of {@link ParserCases} read in one piece, and the streaming rules seen piece by piece. */
class AssistantOutputParserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<ParserCase> cases() {
        return ParserCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aWholeReplyParsesIntoItsParts(ParserCase parserCase) {
        assertThat(parserCase.parser().parseAll(parserCase.reply())).isEqualTo(parserCase.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachCallsArgumentsAreOneJsonObject(ParserCase parserCase) {
        for (ParsedToolCall call : parserCase.parser().parseAll(parserCase.reply()).toolCalls()) {
            JsonNode arguments = JSON.readTree(call.argumentsJson());
            assertThat(arguments.isObject()).as(call.argumentsJson()).isTrue();
            assertThat(call.argumentsJson()).isEqualTo(call.argumentsJson().strip());
        }
    }

    @Test
    void nestedArgumentsKeepTheirValues() {
        ParsedOutput output = parser(ToolCallFormat.HERMES).parseAll(
                "<tool_call>{\"name\": \"search\", \"arguments\": " + ParserCases.NESTED + "}</tool_call>");
        JsonNode arguments = JSON.readTree(output.toolCalls().getFirst().argumentsJson());
        assertThat(arguments.get("text").asString()).isEqualTo("a } b \" c </tool_call> d ] e [TOOL_CALLS] f");
        assertThat(arguments.get("unicode").asString()).isEqualTo("héllo 世界 😀 é😀");
        assertThat(arguments.at("/query/filters/0/in/1").asString()).isEqualTo("Zürich");
        assertThat(arguments.at("/query/filters/1/range/1").asDouble()).isEqualTo(2500.0);
    }

    @Test
    void textIsSentAsSoonAsItCannotBeAMarker() {
        AssistantOutputParser parser = parser(ToolCallFormat.HERMES);
        assertThat(parser.feed("Hello <tool")).containsExactly(new ContentDelta("Hello"));
        assertThat(parser.feed("box> and <")).containsExactly(new ContentDelta(" <toolbox> and"));
        assertThat(parser.feed("b")).containsExactly(new ContentDelta(" <b"));
        assertThat(parser.finish()).isEmpty();
    }

    @Test
    void aCallStreamsItsArgumentsAsTheyArrive() {
        AssistantOutputParser parser = parser(ToolCallFormat.HERMES);
        assertThat(parser.feed("Checking.\n<tool_call>\n{\"name\": \"get_wea")).containsExactly(new ContentDelta("Checking."));
        assertThat(parser.feed("ther\", ")).as("the name is known, the arguments are not yet known to be an object")
                .isEmpty();
        assertThat(parser.feed("\"arguments\": {\"ci")).containsExactly(new ToolCallStart(0, "call_0", "get_weather"),
                new ToolCallArguments(0, "{"));
        assertThat(parser.feed("ty\": \"Pa")).containsExactly(new ToolCallArguments(0, "\"city\": \"Pa"));
        assertThat(parser.feed("ris\\")).as("half an escape waits").containsExactly(new ToolCallArguments(0, "ris"));
        assertThat(parser.feed("n\", \"days\": 1")).containsExactly(new ToolCallArguments(0, "\\n\""));
        assertThat(parser.feed("2}}\n</tool_")).containsExactly(new ToolCallArguments(0, ", \"days\": 12}"));
        assertThat(parser.feed("call>\n")).isEmpty();
        assertThat(parser.feed("<tool_call>{\"arguments\": {\"a\": 1}, ")).isEmpty();
        assertThat(parser.feed("\"name\": \"f\"}")).containsExactly(new ToolCallStart(1, "call_1", "f"),
                new ToolCallArguments(1, "{\"a\": 1}"));
        assertThat(parser.finish()).isEmpty();
    }

    @Test
    void aCallCutOffInItsArgumentsIsClosedAsFarAsItWasValid() {
        AssistantOutputParser parser = parser(ToolCallFormat.MISTRAL);
        assertThat(parser.feed("[TOOL_CALLS][{\"name\": \"f\", \"arguments\": {\"list\": [1, {\"k\": \"v"))
                .containsExactly(new ToolCallStart(0, "call_0", "f"), new ToolCallArguments(0, "{\"list\": [1, {\"k\": \"v"));
        assertThat(parser.finish()).containsExactly(new ToolCallArguments(0, "\"}]}"));
    }

    @Test
    void aCallThatTurnsInvalidAfterItsStartKeepsItAndTheRestIsContent() {
        AssistantOutputParser parser = parser(ToolCallFormat.LLAMA3_JSON);
        assertThat(parser.feed("{\"name\": \"f\", \"parameters\": {\"a\": [1, 2")).containsExactly(
                new ToolCallStart(0, "call_0", "f"), new ToolCallArguments(0, "{\"a\": [1"));
        assertThat(parser.feed(", oops]} and more")).containsExactly(new ToolCallArguments(0, ", 2]}"),
                new ContentDelta(", oops]} and more"));
        assertThat(parser.finish()).isEmpty();
    }

    @Test
    void reasoningIsSentAsItArrivesAndInReasoningFollowsIt() {
        AssistantOutputParser parser = new AssistantOutputParser(ToolCallFormat.HERMES, ReasoningFormat.THINK_TAGS, false,
                ParserCase.ids());
        assertThat(parser.feed(" <thi")).isEmpty();
        assertThat(parser.inReasoning()).isFalse();
        assertThat(parser.feed("nk>")).isEmpty();
        assertThat(parser.inReasoning()).isTrue();
        assertThat(parser.feed("Plan: a</th")).containsExactly(new ReasoningDelta("Plan: a"));
        assertThat(parser.feed("ing</think>")).containsExactly(new ReasoningDelta("</thing"));
        assertThat(parser.inReasoning()).isFalse();
        assertThat(parser.feed("\n\n")).isEmpty();
        assertThat(parser.feed("Yes.")).containsExactly(new ContentDelta("Yes."));
        assertThat(parser.finish()).isEmpty();
    }

    @Test
    void aReplyThatStartsInsideReasoningIsReasoningUntilTheClosingTag() {
        AssistantOutputParser parser = new AssistantOutputParser(ToolCallFormat.NONE, ReasoningFormat.THINK_TAGS, true,
                ParserCase.ids());
        assertThat(parser.inReasoning()).isTrue();
        assertThat(parser.feed("a<b")).containsExactly(new ReasoningDelta("a<b"));
        assertThat(parser.feed("</think>c")).containsExactly(new ContentDelta("c"));
        assertThat(parser.inReasoning()).isFalse();
    }

    @Test
    void withoutToolsNothingIsACall() {
        ParsedOutput output = parser(ToolCallFormat.NONE).parseAll("[TOOL_CALLS][{\"name\": \"f\", \"arguments\": {}}]");
        assertThat(output.toolCalls()).isEmpty();
        assertThat(output.content()).startsWith("[TOOL_CALLS]");
    }

    @Test
    void aCharacterOutsideTheBasicPlaneIsNeverCutInTwo() {
        AssistantOutputParser parser = parser(ToolCallFormat.HERMES);
        String smile = "😀";
        assertThat(parser.feed("a" + smile.charAt(0))).containsExactly(new ContentDelta("a"));
        assertThat(parser.feed(smile.substring(1))).containsExactly(new ContentDelta(smile));
    }

    @Test
    void idsComeFromTheSupplierInOrder() {
        ParsedOutput output = new AssistantOutputParser(ToolCallFormat.MISTRAL, ReasoningFormat.NONE, false,
                List.of("A1b2C3d4E", "F5g6H7i8J").iterator()::next)
                .parseAll("[TOOL_CALLS][{\"name\": \"a\", \"arguments\": {}, \"id\": \"zzzzzzzzz\"},"
                        + " {\"name\": \"b\", \"arguments\": {}}]");
        assertThat(output.toolCalls()).extracting(ParsedToolCall::id).containsExactly("A1b2C3d4E", "F5g6H7i8J");
    }

    @Test
    void aParsedCallBecomesTheCallOfTheNextPromptsAssistantMessage() {
        ChatMessage.ToolCall call = new ParsedToolCall("call_0", "f", "{\"b\": [1, \"x\"], \"a\": {\"c\": true}}")
                .toChatToolCall();
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("c", true);
        assertThat(call.id()).isEqualTo("call_0");
        assertThat(call.name()).isEqualTo("f");
        assertThat(call.arguments()).containsExactly(Map.entry("b", List.of(1, "x")), Map.entry("a", nested));
    }

    @Test
    void misuseIsRefused() {
        AssistantOutputParser parser = parser(ToolCallFormat.HERMES);
        parser.feed("x");
        assertThatThrownBy(() -> parser.parseAll("y")).isInstanceOf(IllegalStateException.class);
        parser.finish();
        assertThatThrownBy(() -> parser.feed("y")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(parser::finish).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new AssistantOutputParser(ToolCallFormat.NONE, ReasoningFormat.NONE, true,
                ParserCase.ids())).isInstanceOf(IllegalArgumentException.class);
    }

    private static AssistantOutputParser parser(ToolCallFormat format) {
        return new AssistantOutputParser(format, ReasoningFormat.NONE, false, ParserCase.ids());
    }
}
