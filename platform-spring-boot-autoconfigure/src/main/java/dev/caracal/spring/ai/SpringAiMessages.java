package dev.caracal.spring.ai;

import dev.caracal.formats.template.ChatMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.ai.content.MediaContent;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads a Spring AI conversation into the chat messages a chat template renders. */
final class SpringAiMessages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SpringAiMessages() {
    }

    /**
     * The conversation as chat messages: a tool response message becomes one tool message per response.
     *
     * @throws IllegalArgumentException for media (the models read text only), a message type other than system, user,
     *     assistant and tool, or tool call arguments that are not a JSON object
     */
    static List<ChatMessage> toChatMessages(List<Message> messages) {
        List<ChatMessage> chat = new ArrayList<>();
        for (Message message : messages) {
            if (message instanceof MediaContent content && content.getMedia() != null
                    && !content.getMedia().isEmpty()) {
                throw new IllegalArgumentException("Caracal's chat models read text only, and a "
                        + message.getMessageType().getValue() + " message carries media ("
                        + content.getMedia().stream().map(Media::getMimeType).map(String::valueOf).toList()
                        + "); send its text alone");
            }
            switch (message) {
                case SystemMessage system -> chat.add(ChatMessage.system(system.getText()));
                case UserMessage user -> chat.add(ChatMessage.user(user.getText()));
                case AssistantMessage assistant when assistant.hasToolCalls() ->
                    chat.add(ChatMessage.assistantToolCalls(
                            assistant.getText() == null || assistant.getText().isEmpty() ? null : assistant.getText(),
                            assistant.getToolCalls().stream().map(SpringAiMessages::toolCall).toList()));
                case AssistantMessage assistant -> chat.add(ChatMessage.assistant(assistant.getText()));
                case ToolResponseMessage tool -> tool.getResponses().forEach(response ->
                        chat.add(ChatMessage.tool(response.id(), response.name(), response.responseData())));
                default -> throw new IllegalArgumentException("Caracal's chat models take system, user, assistant and"
                        + " tool messages, not " + message.getMessageType().getValue() + " ("
                        + message.getClass().getName() + ")");
            }
        }
        return chat;
    }

    private static ChatMessage.ToolCall toolCall(AssistantMessage.ToolCall call) {
        String arguments = call.arguments();
        if (arguments == null || arguments.isBlank()) {
            return new ChatMessage.ToolCall(call.id(), call.name(), Map.of());
        }
        try {
            return new ChatMessage.ToolCall(call.id(), call.name(),
                    JSON.readValue(arguments, new TypeReference<LinkedHashMap<String, Object>>() {
                    }));
        } catch (JacksonException notAnObject) {
            throw new IllegalArgumentException("the arguments of tool call " + call.id() + " (" + call.name()
                    + ") must be a JSON object, were " + arguments + ": " + notAnObject.getOriginalMessage());
        }
    }
}
