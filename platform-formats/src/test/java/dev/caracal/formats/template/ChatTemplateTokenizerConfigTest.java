package dev.caracal.formats.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chat templates and special tokens read from Hugging Face {@code tokenizer_config.json} files: real ones from the
 * shared data, and the other shapes the format allows.
 */
class ChatTemplateTokenizerConfigTest {

    @TempDir
    Path folder;

    @Test
    void llama3() {
        Path config = SharedData.require("tokenizers/llama3/tokenizer_config.json");

        ChatTemplate template = ChatTemplate.fromTokenizerConfig(config).orElseThrow();

        assertThat(template.name()).isEqualTo(config.toString());
        assertThat(template.source()).startsWith("{% set loop_messages = messages %}");
        assertThat(template.defaultOptions().bosToken()).isEqualTo("<|begin_of_text|>");
        assertThat(template.defaultOptions().eosToken()).isEqualTo("<|end_of_text|>");
    }

    @Test
    void qwen3HasNoBeginningOfSequenceToken() {
        ChatTemplate template = ChatTemplate
                .fromTokenizerConfig(SharedData.require("tokenizers/qwen3/tokenizer_config.json")).orElseThrow();

        assertThat(template.defaultOptions().bosToken()).isNull();
        assertThat(template.defaultOptions().eosToken()).isEqualTo("<|im_end|>");
        assertThat(template.render(List.of(ChatMessage.user("Hi")), template.defaultOptions()))
                .isEqualTo("<|im_start|>user\nHi<|im_end|>\n");
    }

    @Test
    void mistralV01HasNoTemplate() {
        assertThat(ChatTemplate.fromTokenizerConfig(
                SharedData.require("tokenizers/mistral-v0.1-json/tokenizer_config.json"))).isEmpty();
    }

    @Test
    void aListOfNamedTemplatesGivesTheDefaultOne() throws IOException {
        Path config = write("""
                {"chat_template": [
                   {"name": "tool_use", "template": "tools"},
                   {"name": "default", "template": "{{ bos_token }}{% for m in messages %}{{ m.content }}{% endfor %}{{ eos_token }}"}
                 ],
                 "bos_token": {"__type": "AddedToken", "content": "<s>", "lstrip": false},
                 "eos_token": {"content": "</s>"}}
                """);

        ChatTemplate template = ChatTemplate.fromTokenizerConfig(config).orElseThrow();

        assertThat(template.render(List.of(ChatMessage.user("Hi")), template.defaultOptions())).isEqualTo("<s>Hi</s>");
    }

    @Test
    void aListWithoutADefaultTemplateIsAnError() throws IOException {
        Path config = write("{\"chat_template\": [{\"name\": \"tool_use\", \"template\": \"x\"}]}");

        assertThatThrownBy(() -> ChatTemplate.fromTokenizerConfig(config))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("default");
    }

    @Test
    void noTemplateNullTokensAndBrokenFiles() throws IOException {
        assertThat(ChatTemplate.fromTokenizerConfig(write("{\"bos_token\": \"<s>\"}"))).isEmpty();

        ChatTemplate template = ChatTemplate.fromTokenizerConfig(
                write("{\"chat_template\": \"[{{ bos_token }}]\", \"bos_token\": null}")).orElseThrow();
        assertThat(template.render(List.of(), template.defaultOptions())).isEqualTo("[]");

        assertThatThrownBy(() -> ChatTemplate.fromTokenizerConfig(write("{\"chat_template\": ")))
                .isInstanceOf(ChatTemplateException.class);
        assertThatThrownBy(() -> ChatTemplate.fromTokenizerConfig(folder.resolve("missing.json")))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("missing.json");
        assertThatThrownBy(() -> ChatTemplate.fromTokenizerConfig(write("{\"chat_template\": \"{% if %}\"}")))
                .isInstanceOf(ChatTemplateException.class)
                .hasMessageContaining("tokenizer_config.json");
    }

    private Path write(String json) throws IOException {
        Path file = folder.resolve("tokenizer_config.json");
        Files.writeString(file, json);
        return file;
    }
}
