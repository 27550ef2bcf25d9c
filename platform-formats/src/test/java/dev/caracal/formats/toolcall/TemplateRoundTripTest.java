package dev.caracal.formats.toolcall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.formats.template.ChatMessage;
import dev.caracal.formats.template.ChatTemplate;
import dev.caracal.formats.template.ChatTemplateOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What each model family's own template writes for an assistant turn that calls tools is what the parser reads back
 * into the same content and calls, so that the next turn's prompt renders the turn exactly as before.
 */
class TemplateRoundTripTest {

    private static final Map<String, Object> TOOL = Map.of("type", "function", "function", Map.of("name", "get_weather",
            "description", "Get the weather.", "parameters", Map.of("type", "object", "properties",
                    Map.of("city", Map.of("type", "string")))));
    private static final ChatTemplateOptions OPTIONS = ChatTemplateOptions.defaults().withSpecialTokens("<s>", "</s>")
            .withVariable("date_string", "26 Jul 2024").withTools(List.of(TOOL));

    @Test
    void qwen25() {
        assertRoundTrip(FormatDetectionTest.template("Qwen-Qwen2.5-7B-Instruct.jinja"), "<|im_end|>",
                "Let me look.", List.of(call("call_0", "Paris"), call("call_1", "Zürich \"}\" </tool_call>")));
    }

    @Test
    void qwen3() {
        // Qwen3's template writes the last assistant turn with an empty <think> block, which the parser reads as
        // reasoning; its content must be text (the template adds it to a string).
        assertRoundTrip(FormatDetectionTest.qwen3(), "<|im_end|>", "I will check.",
                List.of(call("call_0", "Paris"), call("call_1", "Oslo")));
    }

    @Test
    void hermes3() {
        assertRoundTrip(FormatDetectionTest.template("NousResearch-Hermes-3-Llama-3.1-8B-tool_use.jinja"), "<|im_end|>",
                null, List.of(call("call_0", "Paris"), call("call_1", "Rome")));
    }

    @Test
    void llama31() {
        assertRoundTrip(FormatDetectionTest.template("meta-llama-Llama-3.1-8B-Instruct.jinja"), "<|eot_id|>", null,
                List.of(call("call_0", "Paris [1] {2}")));
    }

    @Test
    void mistralNemo() {
        assertRoundTrip(FormatDetectionTest.template("mistralai-Mistral-Nemo-Instruct-2407.jinja"), "</s>", null,
                List.of(call("call_0", "Paris"), call("call_1", "Rome")));
    }

    private static void assertRoundTrip(ChatTemplate template, String endOfTurn, String content,
            List<ChatMessage.ToolCall> calls) {
        ChatMessage user = ChatMessage.user("What is the weather?");
        String prompt = template.render(List.of(user), OPTIONS.withAddGenerationPrompt(true));
        String conversation = template.render(List.of(user, ChatMessage.assistantToolCalls(content, calls)), OPTIONS);
        assertThat(conversation).startsWith(prompt);
        String reply = conversation.substring(prompt.length(), conversation.indexOf(endOfTurn, prompt.length()));

        ToolCallFormat format = ToolCallFormat.detect(template.source());
        List<String> ids = calls.stream().map(ChatMessage.ToolCall::id).toList();
        ParsedOutput parsed = new AssistantOutputParser(format, ReasoningFormat.detect(template.source()), false,
                ids.iterator()::next).parseAll(reply);

        assertThat(parsed.content()).as(reply).isEqualTo(content);
        assertThat(parsed.toolCalls().stream().map(ParsedToolCall::toChatToolCall).toList()).as(reply).isEqualTo(calls);
        String again = template.render(List.of(user, ChatMessage.assistantToolCalls(parsed.content(),
                parsed.toolCalls().stream().map(ParsedToolCall::toChatToolCall).toList())), OPTIONS);
        assertThat(again).isEqualTo(conversation);
    }

    /** Mistral's template wants ids of 9 letters and digits. */
    private static ChatMessage.ToolCall call(String id, String city) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("city", city);
        arguments.put("days", 3);
        return new ChatMessage.ToolCall(id.replace("_", "00") + "xx", "get_weather", arguments);
    }
}
