package dev.caracal.formats.toolcall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.formats.template.ChatMessage;
import dev.caracal.formats.template.ChatTemplate;
import dev.caracal.formats.template.ChatTemplateOptions;
import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The formats the real chat templates in the shared data show, and where a rendered prompt leaves the reply. */
class FormatDetectionTest {

    /** Every shared template with the tool call format and the reasoning format it shows. */
    private static final Map<String, List<Object>> EXPECTED = Map.ofEntries(
            Map.entry("CohereForAI-c4ai-command-r-plus-tool_use.jinja", formats(ToolCallFormat.NONE, ReasoningFormat.NONE)),
            Map.entry("CohereForAI-c4ai-command-r7b-12-2024-tool_use.jinja",
                    formats(ToolCallFormat.NONE, ReasoningFormat.NONE)),
            Map.entry("NousResearch-Hermes-2-Pro-Llama-3-8B-tool_use.jinja",
                    formats(ToolCallFormat.HERMES, ReasoningFormat.NONE)),
            Map.entry("NousResearch-Hermes-3-Llama-3.1-8B-tool_use.jinja",
                    formats(ToolCallFormat.HERMES, ReasoningFormat.NONE)),
            Map.entry("Qwen-Qwen2.5-7B-Instruct.jinja", formats(ToolCallFormat.HERMES, ReasoningFormat.NONE)),
            Map.entry("deepseek-ai-DeepSeek-R1-Distill-Llama-8B.jinja",
                    formats(ToolCallFormat.NONE, ReasoningFormat.THINK_TAGS)),
            Map.entry("deepseek-ai-DeepSeek-R1-Distill-Qwen-32B.jinja",
                    formats(ToolCallFormat.NONE, ReasoningFormat.THINK_TAGS)),
            // Its calls are "functools[…]"; "functools" is not the word "tools".
            Map.entry("fireworks-ai-llama-3-firefunction-v2.jinja", formats(ToolCallFormat.NONE, ReasoningFormat.NONE)),
            Map.entry("google-gemma-2-2b-it.jinja", formats(ToolCallFormat.NONE, ReasoningFormat.NONE)),
            Map.entry("llama-cpp-deepseek-r1.jinja", formats(ToolCallFormat.NONE, ReasoningFormat.THINK_TAGS)),
            Map.entry("meetkai-functionary-medium-v3.1.jinja", formats(ToolCallFormat.LLAMA3_JSON, ReasoningFormat.NONE)),
            Map.entry("meetkai-functionary-medium-v3.2.jinja", formats(ToolCallFormat.LLAMA3_JSON, ReasoningFormat.NONE)),
            Map.entry("meta-llama-Llama-3.1-8B-Instruct.jinja", formats(ToolCallFormat.LLAMA3_JSON, ReasoningFormat.NONE)),
            Map.entry("meta-llama-Llama-3.2-3B-Instruct.jinja", formats(ToolCallFormat.LLAMA3_JSON, ReasoningFormat.NONE)),
            Map.entry("meta-llama-Llama-3.3-70B-Instruct.jinja", formats(ToolCallFormat.LLAMA3_JSON, ReasoningFormat.NONE)),
            Map.entry("microsoft-Phi-3.5-mini-instruct.jinja", formats(ToolCallFormat.NONE, ReasoningFormat.NONE)),
            Map.entry("mistralai-Mistral-Nemo-Instruct-2407.jinja", formats(ToolCallFormat.MISTRAL, ReasoningFormat.NONE)));

    private static List<Object> formats(ToolCallFormat toolCalls, ReasoningFormat reasoning) {
        return List.of(toolCalls, reasoning);
    }

    @Test
    void everySharedTemplateShowsItsFormats() throws IOException {
        Path folder = SharedData.require("chat-templates/Qwen-Qwen2.5-7B-Instruct.jinja").getParent();
        Map<String, List<Object>> detected = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".jinja")).toList()) {
                String source = Files.readString(file);
                detected.put(file.getFileName().toString(),
                        formats(ToolCallFormat.detect(source), ReasoningFormat.detect(source)));
            }
        }
        assertThat(detected).isEqualTo(new TreeMap<>(EXPECTED));
    }

    @Test
    void qwen3WritesHermesCallsAndThinks() {
        ChatTemplate qwen3 = qwen3();
        assertThat(ToolCallFormat.detect(qwen3.source())).isEqualTo(ToolCallFormat.HERMES);
        assertThat(ReasoningFormat.detect(qwen3.source())).isEqualTo(ReasoningFormat.THINK_TAGS);
    }

    @Test
    void aReplyToDeepSeekR1StartsInsideReasoning() {
        ChatTemplate template = template("deepseek-ai-DeepSeek-R1-Distill-Qwen-32B.jinja");
        String prompt = template.render(List.of(ChatMessage.user("2+2?")), generationPrompt());
        assertThat(prompt).endsWith("<think>\n");
        assertThat(ReasoningFormat.THINK_TAGS.startsInsideReasoning(prompt)).isTrue();
        assertThat(ReasoningFormat.NONE.startsInsideReasoning(prompt)).isFalse();
    }

    @Test
    void aReplyToQwen3StartsOutsideReasoningWithThinkingOnOrOff() {
        List<ChatMessage> messages = List.of(ChatMessage.user("2+2?"), ChatMessage.assistant("<think>\nEasy.\n</think>\n\n4"),
                ChatMessage.user("3+3?"));
        String thinking = qwen3().render(messages, generationPrompt());
        String notThinking = qwen3().render(messages, generationPrompt().withVariable("enable_thinking", false));
        assertThat(notThinking).endsWith("<think>\n\n</think>\n\n");
        assertThat(ReasoningFormat.THINK_TAGS.startsInsideReasoning(thinking)).isFalse();
        assertThat(ReasoningFormat.THINK_TAGS.startsInsideReasoning(notThinking)).isFalse();
        assertThat(ReasoningFormat.THINK_TAGS.startsInsideReasoning("x</think>y<think>\n")).isTrue();
    }

    @Test
    void markersAreTheTextsTheParserMustSee() {
        assertThat(ToolCallFormat.HERMES.markers()).containsExactly("<tool_call>", "</tool_call>");
        assertThat(ToolCallFormat.MISTRAL.markers()).containsExactly("[TOOL_CALLS]");
        assertThat(ToolCallFormat.LLAMA3_JSON.markers()).containsExactly("<|python_tag|>");
        assertThat(ToolCallFormat.NONE.markers()).isEmpty();
        assertThat(ReasoningFormat.THINK_TAGS.markers()).containsExactly("<think>", "</think>");
        assertThat(ToolCallFormat.detect(null)).isEqualTo(ToolCallFormat.NONE);
        assertThat(ToolCallFormat.detect("<|start_header_id|> no tool words")).isEqualTo(ToolCallFormat.NONE);
        assertThat(ToolCallFormat.detect("<|start_header_id|>{% if tools %}")).isEqualTo(ToolCallFormat.LLAMA3_JSON);
    }

    static ChatTemplate template(String file) {
        try {
            return ChatTemplate.of(Files.readString(SharedData.require("chat-templates/" + file)), file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ChatTemplate qwen3() {
        return ChatTemplate.fromTokenizerConfig(SharedData.require("tokenizers/qwen3/tokenizer_config.json")).orElseThrow();
    }

    private static ChatTemplateOptions generationPrompt() {
        return ChatTemplateOptions.defaults().withAddGenerationPrompt(true).withSpecialTokens("<s>", "</s>");
    }
}
