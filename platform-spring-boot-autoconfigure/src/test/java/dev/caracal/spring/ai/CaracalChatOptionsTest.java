package dev.caracal.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.engine.api.OutputConstraint;
import dev.caracal.engine.api.chat.ToolChoice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.function.FunctionToolCallback;

/** How options merge: a request's into the model's as {@code ChatClient} merges them, a prompt's over the model's. */
class CaracalChatOptionsTest {

    private static ToolCallback tool(String name) {
        return FunctionToolCallback.builder(name, (String city) -> "Sunny").description("The weather")
                .inputType(String.class).build();
    }

    private final ToolCallback weather = tool("weather");
    private final CaracalChatOptions defaults = CaracalChatOptions.builder().model("stories").temperature(0.0)
            .maxTokens(16).stopSequences(List.of("The end")).seed(7L).toolChoice(ToolChoice.AUTO)
            .toolCallbacks(weather).toolContext(Map.of("user", "ann")).build();

    @Test
    void aBuildersMergeKeepsWhatTheOtherLeavesUnsetAndAppendsListsAsSpringAiDoes() {
        ToolCallback time = tool("time");

        CaracalChatOptions merged = defaults.mutate().combineWith(CaracalChatOptions.builder().maxTokens(32)
                .seed(9L).toolChoice(ToolChoice.REQUIRED).responseFormat(OutputConstraint.jsonObject())
                .stopSequences(List.of("!")).toolCallbacks(time)).build();

        assertThat(merged.getModel()).isEqualTo("stories");
        assertThat(merged.getTemperature()).isEqualTo(0.0);
        assertThat(merged.getMaxTokens()).isEqualTo(32);
        assertThat(merged.getSeed()).isEqualTo(9L);
        assertThat(merged.getToolChoice()).isEqualTo(ToolChoice.REQUIRED);
        assertThat(merged.getResponseFormat()).isEqualTo(OutputConstraint.jsonObject());
        assertThat(merged.getStopSequences()).containsExactly("The end", "!");
        assertThat(merged.getToolCallbacks()).containsExactly(weather, time);
        assertThat(defaults.mutate().build()).isEqualTo(defaults).isNotSameAs(defaults);
    }

    @Test
    void aPromptsOptionsWinAndReplaceTheModelsListsSoMergingTwiceChangesNothing() {
        CaracalChatOptions portable = defaults.overriddenBy(ChatOptions.builder().maxTokens(8).topP(0.5)
                .stopSequences(List.of("!")).build());
        CaracalChatOptions caracal = defaults.overriddenBy(CaracalChatOptions.builder().seed(9L)
                .toolCallbacks(weather).toolContext(Map.of("city", "Paris")).build());

        assertThat(portable.getMaxTokens()).isEqualTo(8);
        assertThat(portable.getTopP()).isEqualTo(0.5);
        assertThat(portable.getTemperature()).isEqualTo(0.0);
        assertThat(portable.getSeed()).isEqualTo(7L);
        assertThat(portable.getStopSequences()).containsExactly("!");
        assertThat(portable.getToolCallbacks()).containsExactly(weather);
        assertThat(caracal.getSeed()).isEqualTo(9L);
        assertThat(caracal.getToolCallbacks()).containsExactly(weather);
        assertThat(caracal.getToolContext()).containsOnly(Map.entry("user", "ann"), Map.entry("city", "Paris"));
        assertThat(defaults.overriddenBy(defaults)).isEqualTo(defaults);
        assertThat(defaults.overriddenBy(null)).isSameAs(defaults);
    }

    @Test
    void anOutputSchemaIsAJsonSchemaResponseFormat() {
        String schema = "{\"type\": \"object\"}";

        CaracalChatOptions structured = defaults.mutate().outputSchema(schema).build();

        assertThat(structured.getResponseFormat()).isEqualTo(OutputConstraint.jsonSchema(schema));
        assertThat(structured.getOutputSchema()).isEqualTo(schema);
        assertThat(defaults.mutate().responseFormat(OutputConstraint.jsonObject()).build().getOutputSchema()).isNull();
        assertThat(structured.overriddenBy(CaracalChatOptions.builder().outputSchema(null).build())
                .getOutputSchema()).isEqualTo(schema);
    }
}
