package dev.caracal.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.formats.template.ChatMessage;
import dev.caracal.formats.template.ChatTemplate;
import dev.caracal.formats.template.ChatTemplateOptions;
import dev.caracal.formats.testing.SharedData;
import dev.caracal.formats.tokenizer.Tokenizer;
import dev.caracal.formats.tokenizer.Tokenizers;
import dev.caracal.formats.toolcall.ReasoningFormat;
import dev.caracal.formats.toolcall.ToolCallFormat;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Conversations with tools rendered for each kind of template: the model's own, and none. */
class PromptsToolsTest {

    private static final List<Map<String, Object>> TOOLS = List.of(Map.of("type", "function", "function", Map.of(
            "name", "get_weather", "description", "The weather in a city", "parameters", Map.of("type", "object",
                    "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city")))));

    private static final List<ChatMessage> CONVERSATION = List.of(
            ChatMessage.user("Weather in Paris?"),
            ChatMessage.assistantToolCalls("", List.of(new ChatMessage.ToolCall("call_Z8sK2mVq0PLn4TbW1xYc7dEf",
                    "get_weather", Map.of("city", "Paris")))),
            ChatMessage.tool("call_Z8sK2mVq0PLn4TbW1xYc7dEf", "get_weather", "21 degrees"),
            ChatMessage.assistant("It is 21 degrees."),
            ChatMessage.user("Thanks"));

    private static Prompts prompts(String templateFile) throws Exception {
        Tokenizer tokenizer = Tokenizers.load(SharedData.require("models/stories260K.gguf"));
        return new Prompts(tokenizer, templateFile == null ? Optional.empty() : Optional.of(ChatTemplate.of(
                Files.readString(SharedData.require(templateFile)), templateFile,
                ChatTemplateOptions.defaults().withSpecialTokens("<s>", "</s>"))));
    }

    @Test
    void mistralTemplatesGetTheNineCharacterIdsTheyRequireConsistently() throws Exception {
        Prompts mistral = prompts("chat-templates/mistralai-Mistral-Nemo-Instruct-2407.jinja");
        assertThat(mistral.toolFormat()).isEqualTo(ToolCallFormat.MISTRAL);
        String rendered = mistral.renderChat(CONVERSATION, TOOLS, Map.of());
        assertThat(rendered).contains("[TOOL_CALLS]").contains("get_weather").doesNotContain("call_Z8sK");
        java.util.regex.Matcher ids = java.util.regex.Pattern.compile("\"id\": ?\"([a-zA-Z0-9]{9})\"")
                .matcher(rendered);
        assertThat(ids.find()).as(rendered).isTrue();
        String id = ids.group(1);
        assertThat(rendered.indexOf(id, ids.end())).as("the tool answer names the same id: " + rendered).isPositive();
    }

    @Test
    void aModelWithoutTemplateGetsTheToolsInASystemMessageAndCallsAsBlocks() throws Exception {
        Prompts none = prompts(null);
        assertThat(none.toolFormat()).isEqualTo(ToolCallFormat.HERMES);
        assertThat(none.reasoningFormat()).isEqualTo(ReasoningFormat.NONE);
        String rendered = none.renderChat(CONVERSATION, TOOLS, Map.of());
        assertThat(rendered).contains("<tools>").contains("\"name\":\"get_weather\"")
                .contains("<tool_call>\n{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}}\n</tool_call>")
                .contains("<tool_response>\n21 degrees\n</tool_response>");
        assertThat(rendered.indexOf("<tools>")).isLessThan(rendered.indexOf("Weather in Paris?"));
        assertThat(none.renderChat(List.of(ChatMessage.user("Hi")), List.of(), Map.of())).isEqualTo("Hi");
    }

    @Test
    void templatesThatKnowToolsRenderThemThemselves() throws Exception {
        Prompts llama = prompts("chat-templates/meta-llama-Llama-3.1-8B-Instruct.jinja");
        assertThat(llama.toolFormat()).isEqualTo(ToolCallFormat.LLAMA3_JSON);
        assertThat(llama.renderChat(CONVERSATION, TOOLS, Map.of())).contains("get_weather")
                .contains("<|start_header_id|>ipython<|end_header_id|>").contains("21 degrees")
                .doesNotContain("<tool_response>");
        Prompts qwen = prompts("chat-templates/Qwen-Qwen2.5-7B-Instruct.jinja");
        assertThat(qwen.toolFormat()).isEqualTo(ToolCallFormat.HERMES);
        assertThat(qwen.renderChat(CONVERSATION, TOOLS, Map.of())).contains("<tools>").contains("<tool_response>");
    }
}
