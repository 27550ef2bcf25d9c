package dev.caracal.formats.template;

import static dev.caracal.formats.template.ChatTemplateTestData.ANSWER;
import static dev.caracal.formats.template.ChatTemplateTestData.FIRST_QUESTION;
import static dev.caracal.formats.template.ChatTemplateTestData.SECOND_QUESTION;
import static dev.caracal.formats.template.ChatTemplateTestData.SYSTEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every real chat template in the shared data renders a system, user, assistant, user conversation with the
 * generation prompt on, and what it renders holds each message's text.
 */
class ChatTemplateSharedTemplatesTest {

    /** Templates that need more than the messages, each with why. */
    private static final Map<String, ChatTemplateOptions> EXTRA_OPTIONS = Map.of(
            // Fireworks' FireFunction v2 writes its caller-supplied `functions` (a JSON text) and `datetime` into the
            // system prompt unconditionally; without them Jinja2 fails too ("'functions' is undefined").
            "fireworks-ai-llama-3-firefunction-v2.jinja", options()
                    .withVariable("functions", "[{\"name\": \"get_weather\"}]")
                    .withVariable("datetime", "2024-07-26"));

    private static ChatTemplateOptions options() {
        return ChatTemplateOptions.defaults().withAddGenerationPrompt(true).withSpecialTokens("<BOS>", "<EOS>")
                .withVariable("date_string", "26 Jul 2024");
    }

    private static List<Path> templateFiles() throws IOException {
        Path folder = ChatTemplateTestData.sharedTemplate("meta-llama-Llama-3.1-8B-Instruct.jinja").getParent();
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jinja")).sorted().toList();
        }
    }

    @Test
    void theSharedFolderHasTheTemplatesWeExpect() throws IOException {
        assertThat(templateFiles()).hasSizeGreaterThanOrEqualTo(17);
    }

    @TestFactory
    Stream<DynamicTest> everySharedTemplateRendersAFourMessageConversation() throws IOException {
        return templateFiles().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String name = file.getFileName().toString();
            ChatTemplate template = ChatTemplate.of(Files.readString(file), name);
            ChatTemplateOptions options = EXTRA_OPTIONS.getOrDefault(name, options());
            List<ChatMessage> messages = ChatTemplateTestData.conversation();

            if (name.startsWith("google-gemma-2")) {
                // Gemma 2 has no system role: its template raises, as it does under transformers. The usual remedy
                // is to put the system text at the start of the first user turn.
                List<ChatMessage> withSystem = messages;
                assertThatThrownBy(() -> template.render(withSystem, options))
                        .isInstanceOf(ChatTemplateException.class)
                        .hasMessageContaining(name)
                        .hasMessageContaining("System role not supported");
                messages = new ArrayList<>(messages.subList(1, 4));
                messages.set(0, ChatMessage.user(SYSTEM + "\n\n" + FIRST_QUESTION));
            }

            String prompt = template.render(messages, options);

            assertThat(prompt).contains(SYSTEM, FIRST_QUESTION, ANSWER, SECOND_QUESTION);
            assertThat(prompt.indexOf(FIRST_QUESTION)).isLessThan(prompt.indexOf(ANSWER));
            assertThat(prompt.indexOf(ANSWER)).isLessThan(prompt.lastIndexOf(SECOND_QUESTION));
            assertThat(prompt).doesNotContain("{{", "{%", "None", "null");
        }));
    }
}
