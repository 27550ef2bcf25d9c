package dev.caracal.formats.template;

import static dev.caracal.formats.template.ChatTemplateTestData.ANSWER;
import static dev.caracal.formats.template.ChatTemplateTestData.FIRST_QUESTION;
import static dev.caracal.formats.template.ChatTemplateTestData.SECOND_QUESTION;
import static dev.caracal.formats.template.ChatTemplateTestData.SYSTEM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.formats.template.jinja.JinjaTemplate;
import dev.caracal.formats.testing.SharedData;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Prompts character for character against the formats the model cards document, written out by hand: Llama 3 and 3.x,
 * Qwen2.5, Qwen3, Mistral Nemo, Gemma 2, Phi-3.5 and DeepSeek R1 distills.
 */
class ChatTemplateFormatsTest {

    private static final String LLAMA_BOS = "<|begin_of_text|>";

    @ParameterizedTest
    @ValueSource(strings = {"meta-llama-Llama-3.1-8B-Instruct.jinja", "meta-llama-Llama-3.2-3B-Instruct.jinja",
            "meta-llama-Llama-3.3-70B-Instruct.jinja"})
    void llama3xWithTheDatePreamble(String file) {
        ChatTemplateOptions options = ChatTemplateOptions.defaults().withAddGenerationPrompt(true)
                .withSpecialTokens(LLAMA_BOS, "<|eot_id|>").withVariable("date_string", "26 Jul 2024");

        String prompt = ChatTemplateTestData.template(file).render(ChatTemplateTestData.conversation(), options);

        assertThat(prompt).isEqualTo("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
                + "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n"
                + "You are a helpful assistant.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nWhat is the capital of France?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\nThe capital of France is Paris.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nAnd of Italy?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n");
    }

    @Test
    void llama31WithoutSystemMessageOrGenerationPrompt() {
        ChatTemplateOptions options = ChatTemplateOptions.defaults().withSpecialTokens(LLAMA_BOS, "<|eot_id|>")
                .withVariable("date_string", "1 Jan 2025");

        String prompt = ChatTemplateTestData.template("meta-llama-Llama-3.1-8B-Instruct.jinja")
                .render(List.of(ChatMessage.user("  Hi there  ")), options);

        // the system header is always written; message text is trimmed
        assertThat(prompt).isEqualTo("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
                + "Cutting Knowledge Date: December 2023\nToday Date: 1 Jan 2025\n\n<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nHi there<|eot_id|>");
    }

    @Test
    void llama32WritesTodayWithStrftimeNowWhenNoDateIsGiven() {
        ChatTemplateOptions options = ChatTemplateOptions.defaults().withSpecialTokens(LLAMA_BOS, "<|eot_id|>");
        ChatTemplate template = ChatTemplateTestData.template("meta-llama-Llama-3.2-3B-Instruct.jinja");

        String before = JinjaTemplate.strftime(java.time.ZonedDateTime.now(), "%d %b %Y");
        String prompt = template.render(List.of(ChatMessage.user("Hi")), options);
        String after = JinjaTemplate.strftime(java.time.ZonedDateTime.now(), "%d %b %Y");

        assertThat(prompt).containsAnyOf("Today Date: " + before + "\n\n", "Today Date: " + after + "\n\n");
    }

    @Test
    void llama3FromItsTokenizerConfig() {
        ChatTemplate template = ChatTemplate
                .fromTokenizerConfig(SharedData.require("tokenizers/llama3/tokenizer_config.json")).orElseThrow();

        String prompt = template.render(ChatTemplateTestData.conversation(), template.defaultOptions());

        // Llama 3's first template trims each message and always ends with the assistant header
        assertThat(prompt).isEqualTo("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
                + "You are a helpful assistant.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nWhat is the capital of France?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\nThe capital of France is Paris.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nAnd of Italy?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n");
    }

    @Test
    void qwen25ChatML() {
        ChatTemplate template = ChatTemplateTestData.template("Qwen-Qwen2.5-7B-Instruct.jinja");
        ChatTemplateOptions options = ChatTemplateOptions.defaults().withAddGenerationPrompt(true);

        assertThat(template.render(ChatTemplateTestData.conversation(), options)).isEqualTo(
                "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
                        + "<|im_start|>user\nWhat is the capital of France?<|im_end|>\n"
                        + "<|im_start|>assistant\nThe capital of France is Paris.<|im_end|>\n"
                        + "<|im_start|>user\nAnd of Italy?<|im_end|>\n"
                        + "<|im_start|>assistant\n");
        // without a system message Qwen2.5 supplies its own
        assertThat(template.render(ChatTemplateTestData.conversationWithoutSystem(),
                options.withAddGenerationPrompt(false))).isEqualTo(
                "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n"
                        + "<|im_start|>user\nWhat is the capital of France?<|im_end|>\n"
                        + "<|im_start|>assistant\nThe capital of France is Paris.<|im_end|>\n"
                        + "<|im_start|>user\nAnd of Italy?<|im_end|>\n");
    }

    @Test
    void qwen3ChatMLWithThinkingSwitchedOffAndOldReasoningDropped() {
        ChatTemplate template = ChatTemplate
                .fromTokenizerConfig(SharedData.require("tokenizers/qwen3/tokenizer_config.json")).orElseThrow();
        List<ChatMessage> messages = List.of(ChatMessage.system(SYSTEM), ChatMessage.user(FIRST_QUESTION),
                ChatMessage.assistant("<think>\nThe user asks about France.\n</think>\n\n" + ANSWER),
                ChatMessage.user(SECOND_QUESTION));
        ChatTemplateOptions options = template.defaultOptions().withAddGenerationPrompt(true);

        String expectedHistory = "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
                + "<|im_start|>user\nWhat is the capital of France?<|im_end|>\n"
                + "<|im_start|>assistant\nThe capital of France is Paris.<|im_end|>\n"
                + "<|im_start|>user\nAnd of Italy?<|im_end|>\n";
        assertThat(template.render(messages, options)).isEqualTo(expectedHistory + "<|im_start|>assistant\n");
        assertThat(template.render(messages, options.withVariable("enable_thinking", false)))
                .isEqualTo(expectedHistory + "<|im_start|>assistant\n<think>\n\n</think>\n\n");
    }

    @Test
    void qwen3KeepsTheReasoningOfTheTurnAfterTheLastQuery() {
        ChatTemplate template = ChatTemplate
                .fromTokenizerConfig(SharedData.require("tokenizers/qwen3/tokenizer_config.json")).orElseThrow();
        List<ChatMessage> messages = List.of(ChatMessage.user("Hi"),
                ChatMessage.assistant("<think>\nGreet back.\n</think>\n\nHello!"));

        assertThat(template.render(messages, template.defaultOptions())).isEqualTo(
                "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n<think>\nGreet back.\n</think>\n\nHello!<|im_end|>\n");
    }

    @Test
    void mistralNemoPutsTheSystemMessageInTheLastUserTurn() {
        ChatTemplate template = ChatTemplateTestData.template("mistralai-Mistral-Nemo-Instruct-2407.jinja");
        ChatTemplateOptions options = ChatTemplateOptions.defaults().withSpecialTokens("<s>", "</s>");

        assertThat(template.render(ChatTemplateTestData.conversation(), options)).isEqualTo(
                "<s>[INST]What is the capital of France?[/INST]The capital of France is Paris.</s>"
                        + "[INST]You are a helpful assistant.\n\nAnd of Italy?[/INST]");
        assertThat(template.render(List.of(ChatMessage.user("Hello")), options)).isEqualTo("<s>[INST]Hello[/INST]");
    }

    @Test
    void mistralV01TokenizerConfigCarriesNoTemplate() {
        // this copy of Mistral 7B v0.1's tokenizer_config.json predates chat templates: it has no chat_template key,
        // so the [INST] format is checked on Mistral Nemo's template above
        assertThat(ChatTemplate.fromTokenizerConfig(
                SharedData.require("tokenizers/mistral-v0.1-json/tokenizer_config.json"))).isEmpty();
    }

    @Test
    void gemma2() {
        ChatTemplate template = ChatTemplateTestData.template("google-gemma-2-2b-it.jinja");
        ChatTemplateOptions options = ChatTemplateOptions.defaults().withAddGenerationPrompt(true)
                .withSpecialTokens("<bos>", "<eos>");

        assertThat(template.render(ChatTemplateTestData.conversationWithoutSystem(), options)).isEqualTo(
                "<bos><start_of_turn>user\nWhat is the capital of France?<end_of_turn>\n"
                        + "<start_of_turn>model\nThe capital of France is Paris.<end_of_turn>\n"
                        + "<start_of_turn>user\nAnd of Italy?<end_of_turn>\n<start_of_turn>model\n");
    }

    @Test
    void phi35() {
        ChatTemplate template = ChatTemplateTestData.template("microsoft-Phi-3.5-mini-instruct.jinja");

        assertThat(template.render(ChatTemplateTestData.conversation(),
                ChatTemplateOptions.defaults().withAddGenerationPrompt(true))).isEqualTo(
                "<|system|>\nYou are a helpful assistant.<|end|>\n<|user|>\nWhat is the capital of France?<|end|>\n"
                        + "<|assistant|>\nThe capital of France is Paris.<|end|>\n<|user|>\nAnd of Italy?<|end|>\n"
                        + "<|assistant|>\n");
        // without the generation prompt the template ends with the end-of-text token
        assertThat(template.render(List.of(ChatMessage.user("Hi")),
                ChatTemplateOptions.defaults().withSpecialTokens("<s>", "<|endoftext|>")))
                .isEqualTo("<|user|>\nHi<|end|>\n<|endoftext|>");
    }

    @Test
    void deepSeekR1DistillOpensTheThinkingBlock() {
        ChatTemplate template = ChatTemplateTestData.template("deepseek-ai-DeepSeek-R1-Distill-Qwen-32B.jinja");
        ChatTemplateOptions options = ChatTemplateOptions.defaults().withAddGenerationPrompt(true)
                .withSpecialTokens("<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>");
        List<ChatMessage> messages = List.of(ChatMessage.system(SYSTEM), ChatMessage.user(FIRST_QUESTION),
                ChatMessage.assistant("<think>\nEasy.\n</think>\n\n" + ANSWER), ChatMessage.user(SECOND_QUESTION));

        // earlier turns lose their reasoning; the system prompt comes first, unmarked
        assertThat(template.render(messages, options)).isEqualTo(
                "<｜begin▁of▁sentence｜>You are a helpful assistant.<｜User｜>What is the capital of France?"
                        + "<｜Assistant｜>\n\nThe capital of France is Paris.<｜end▁of▁sentence｜>"
                        + "<｜User｜>And of Italy?<｜Assistant｜><think>\n");
    }
}
