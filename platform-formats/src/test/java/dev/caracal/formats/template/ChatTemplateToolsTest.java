package dev.caracal.formats.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tool use: the tools on offer, an assistant turn that calls one and the tool's answer render through the templates of
 * models trained for it, with the tool's name and arguments in the prompt.
 */
class ChatTemplateToolsTest {

    private static final ChatTemplateOptions TOOLS = ChatTemplateOptions.defaults().withAddGenerationPrompt(true)
            .withSpecialTokens("<|begin_of_text|>", "<|eot_id|>").withVariable("date_string", "26 Jul 2024")
            .withTools(List.of(ChatTemplateTestData.weatherTool()));

    @ParameterizedTest
    @ValueSource(strings = {"NousResearch-Hermes-2-Pro-Llama-3-8B-tool_use.jinja",
            "NousResearch-Hermes-3-Llama-3.1-8B-tool_use.jinja", "meta-llama-Llama-3.1-8B-Instruct.jinja",
            "meta-llama-Llama-3.3-70B-Instruct.jinja", "Qwen-Qwen2.5-7B-Instruct.jinja",
            "mistralai-Mistral-Nemo-Instruct-2407.jinja"})
    void toolsCallsAndAnswersRender(String file) {
        String prompt = ChatTemplateTestData.template(file).render(ChatTemplateTestData.toolConversation(), TOOLS);

        assertThat(prompt).contains("get_weather", "Get the weather for a city.", "\"city\": \"Paris\"",
                "22 degrees and sunny", "What is the weather in Paris?");
    }

    @Test
    void qwen25ToolFormat() {
        String prompt = ChatTemplateTestData.template("Qwen-Qwen2.5-7B-Instruct.jinja")
                .render(ChatTemplateTestData.toolConversation(), TOOLS);

        assertThat(prompt).isEqualTo("<|im_start|>system\nYou are a helpful assistant.\n\n# Tools\n\n"
                + "You may call one or more functions to assist with the user query.\n\n"
                + "You are provided with function signatures within <tools></tools> XML tags:\n<tools>\n"
                + "{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", "
                + "\"description\": \"Get the weather for a city.\", \"parameters\": {\"type\": \"object\", "
                + "\"properties\": {\"city\": {\"type\": \"string\", \"description\": \"The city\"}}, "
                + "\"required\": [\"city\"]}}}\n</tools>\n\n"
                + "For each function call, return a json object with function name and arguments within "
                + "<tool_call></tool_call> XML tags:\n<tool_call>\n"
                + "{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n"
                + "<|im_start|>user\nWhat is the weather in Paris?<|im_end|>\n"
                + "<|im_start|>assistant\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}"
                + "\n</tool_call><|im_end|>\n"
                + "<|im_start|>user\n<tool_response>\n22 degrees and sunny\n</tool_response><|im_end|>\n"
                + "<|im_start|>assistant\n");
    }

    @Test
    void hermesGroupsToolAnswersUsingPreviousAndNextItems() {
        List<ChatMessage> messages = List.of(
                ChatMessage.user("Weather in Paris and Rome?"),
                ChatMessage.assistantToolCalls(null, List.of(
                        new ChatMessage.ToolCall("a", "get_weather", ChatTemplateTestData.ordered("city", "Paris")),
                        new ChatMessage.ToolCall("b", "get_weather", ChatTemplateTestData.ordered("city", "Rome")))),
                ChatMessage.tool("a", "get_weather", "22C"),
                ChatMessage.tool("b", "get_weather", "25C"),
                ChatMessage.assistant("Rome is warmer."));

        String prompt = ChatTemplateTestData.template("NousResearch-Hermes-3-Llama-3.1-8B-tool_use.jinja")
                .render(messages, TOOLS.withAddGenerationPrompt(false));

        assertThat(prompt).endsWith("<|im_start|>assistant\n<tool_call>\n{\"name\": \"get_weather\", "
                + "\"arguments\": {\"city\": \"Paris\"}}\n</tool_call>\n<tool_call>\n{\"name\": \"get_weather\", "
                + "\"arguments\": {\"city\": \"Rome\"}}\n</tool_call><|im_end|>\n"
                + "<|im_start|>tool\n<tool_response>\n22C\n</tool_response>\n<tool_response>\n25C\n</tool_response>\n"
                + "<|im_end|><|im_start|>assistant\nRome is warmer.<|im_end|>\n");
    }

    @Test
    void llama31PutsToolsInTheFirstUserTurnAndCallsAsJson() {
        String prompt = ChatTemplateTestData.template("meta-llama-Llama-3.1-8B-Instruct.jinja")
                .render(ChatTemplateTestData.toolConversation(), TOOLS);

        assertThat(prompt).startsWith("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
                + "Environment: ipython\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n"
                + "You are a helpful assistant.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\n"
                + "Given the following functions, please respond with a JSON for a function call with its proper "
                + "arguments that best answers the given prompt.\n\n");
        // the tools as tojson(indent=4)
        assertThat(prompt).contains("{\n    \"type\": \"function\",\n    \"function\": {\n        \"name\": \"get_weather\",");
        assertThat(prompt).contains("<|start_header_id|>assistant<|end_header_id|>\n\n"
                + "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}<|eot_id|>");
        // a string is iterable in Jinja2, so this template writes a tool's text answer through tojson
        assertThat(prompt).contains("<|start_header_id|>ipython<|end_header_id|>\n\n\"22 degrees and sunny\"<|eot_id|>");
    }

    @Test
    void mistralNemoListsToolsBeforeTheLastUserTurn() {
        // the system message goes only into a user turn that ends the conversation, so here it is left out
        String prompt = ChatTemplateTestData.template("mistralai-Mistral-Nemo-Instruct-2407.jinja").render(
                ChatTemplateTestData.toolConversation(), TOOLS.withSpecialTokens("<s>", "</s>"));

        assertThat(prompt).isEqualTo("<s>[AVAILABLE_TOOLS][{\"type\": \"function\", \"function\": {"
                + "\"name\": \"get_weather\", \"description\": \"Get the weather for a city.\", \"parameters\": "
                + "{\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\", \"description\": "
                + "\"The city\"}}, \"required\": [\"city\"]}}}][/AVAILABLE_TOOLS]"
                + "[INST]What is the weather in Paris?[/INST]"
                + "[TOOL_CALLS][{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}, \"id\": \"call12345\"}]</s>"
                + "[TOOL_RESULTS]{\"content\": 22 degrees and sunny, \"call_id\": \"call12345\"}[/TOOL_RESULTS]");
    }

    @Test
    void templatesThatJoinArgumentsToTextGetTheirJson() {
        // DeepSeek's and Functionary's templates expect the OpenAI API's arguments string; a dictionary there would
        // fail under transformers ("can only concatenate str"), here it reads as its JSON text
        String prompt = ChatTemplateTestData.template("deepseek-ai-DeepSeek-R1-Distill-Llama-8B.jinja")
                .render(ChatTemplateTestData.toolConversation(), TOOLS.withSpecialTokens("<｜begin▁of▁sentence｜>", ""));

        assertThat(prompt).contains("<｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n```json\n"
                + "{\"city\": \"Paris\"}\n```<｜tool▁call▁end｜>");
        assertThat(prompt).contains("<｜tool▁outputs▁begin｜><｜tool▁output▁begin｜>22 degrees and sunny<｜tool▁output▁end｜>");
    }
}
