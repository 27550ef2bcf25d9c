package dev.caracal.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.formats.template.ChatMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.MimeTypeUtils;

/** A Spring AI conversation read into chat messages: roles, tool calls and their results; media refused. */
class SpringAiMessagesTest {

    @Test
    void eachMessageBecomesItsChatMessageAndEachToolResultAToolMessage() {
        List<Message> conversation = List.of(new SystemMessage("Be brief."),
                new UserMessage("Weather in Paris and Rome?"),
                AssistantMessage.builder().content("").toolCalls(List.of(
                        new AssistantMessage.ToolCall("call_1", "function", "weather", "{\"city\": \"Paris\"}"),
                        new AssistantMessage.ToolCall("call_2", "function", "weather", ""))).build(),
                ToolResponseMessage.builder().responses(List.of(
                        new ToolResponseMessage.ToolResponse("call_1", "weather", "Sunny"),
                        new ToolResponseMessage.ToolResponse("call_2", "weather", "Rainy"))).build(),
                new AssistantMessage("Sunny in Paris, rainy in Rome."));

        assertThat(SpringAiMessages.toChatMessages(conversation)).containsExactly(
                ChatMessage.system("Be brief."),
                ChatMessage.user("Weather in Paris and Rome?"),
                ChatMessage.assistantToolCalls(null, List.of(
                        new ChatMessage.ToolCall("call_1", "weather", Map.of("city", "Paris")),
                        new ChatMessage.ToolCall("call_2", "weather", Map.of()))),
                ChatMessage.tool("call_1", "weather", "Sunny"),
                ChatMessage.tool("call_2", "weather", "Rainy"),
                ChatMessage.assistant("Sunny in Paris, rainy in Rome."));
    }

    @Test
    void mediaAndArgumentsThatAreNotAnObjectAreRefusedSayingWhy() {
        UserMessage picture = UserMessage.builder().text("What is this?")
                .media(new Media(MimeTypeUtils.IMAGE_PNG, new ByteArrayResource(new byte[] {1, 2, 3}))).build();
        AssistantMessage broken = AssistantMessage.builder().content("").toolCalls(List.of(
                new AssistantMessage.ToolCall("call_1", "function", "weather", "[\"Paris\"]"))).build();

        assertThatThrownBy(() -> SpringAiMessages.toChatMessages(List.of(picture)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("read text only").hasMessageContaining("user message")
                .hasMessageContaining("image/png");
        assertThatThrownBy(() -> SpringAiMessages.toChatMessages(List.of(broken)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tool call call_1 (weather) must be a JSON object");
    }
}
