package dev.caracal.spring.ai;

import dev.caracal.engine.api.OutputConstraint;
import dev.caracal.engine.api.chat.ToolChoice;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.DefaultToolCallingChatOptions;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * The options of {@link CaracalSpringAiChatModel}: Spring AI's portable options, tools and output schema, and Caracal's
 * seed, tool choice, parallel tool calls, response format and thinking switch; null where not set, which leaves the
 * choice to {@code caracal.chat.*} and then to the engine. Immutable; {@link #mutate()} gives a builder.
 */
public final class CaracalChatOptions implements ToolCallingChatOptions, StructuredOutputChatOptions {

    // Assigned once, by Builder.build().
    private String model;
    private Double temperature;
    private Double topP;
    private Integer topK;
    private Integer maxTokens;
    private List<String> stopSequences;
    private Long seed;
    private Double frequencyPenalty;
    private Double presencePenalty;
    private ToolChoice toolChoice;
    private Boolean parallelToolCalls;
    private OutputConstraint responseFormat;
    private Boolean enableThinking;
    private List<ToolCallback> toolCallbacks;
    private Map<String, Object> toolContext;

    private CaracalChatOptions() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The model's name (its alias); null for {@code caracal.chat.model}, or the first model. */
    @Override
    public String getModel() {
        return model;
    }

    @Override
    public Double getTemperature() {
        return temperature;
    }

    @Override
    public Double getTopP() {
        return topP;
    }

    @Override
    public Integer getTopK() {
        return topK;
    }

    @Override
    public Integer getMaxTokens() {
        return maxTokens;
    }

    /** Strings that end the reply, which does not include them. */
    @Override
    public List<String> getStopSequences() {
        return stopSequences;
    }

    /** The random seed of sampling, for repeatable replies. */
    public Long getSeed() {
        return seed;
    }

    @Override
    public Double getFrequencyPenalty() {
        return frequencyPenalty;
    }

    @Override
    public Double getPresencePenalty() {
        return presencePenalty;
    }

    /** Whether the model may or must call the tools; null for auto with tools, none without. */
    public ToolChoice getToolChoice() {
        return toolChoice;
    }

    /** Whether one reply may make several calls (null: yes). */
    public Boolean getParallelToolCalls() {
        return parallelToolCalls;
    }

    /**
     * What the answer must be, enforced while it is generated: {@link OutputConstraint#jsonObject()} or
     * {@link OutputConstraint#jsonSchema(String)}; null for free text.
     */
    public OutputConstraint getResponseFormat() {
        return responseFormat;
    }

    /** Whether a model that reasons first may (null: its chat template's default). */
    public Boolean getEnableThinking() {
        return enableThinking;
    }

    /** The schema of a JSON schema response format (Spring AI's native structured output), else null. */
    @Override
    public String getOutputSchema() {
        return responseFormat instanceof OutputConstraint.JsonSchema schema ? schema.schemaJson() : null;
    }

    @Override
    public List<ToolCallback> getToolCallbacks() {
        return toolCallbacks;
    }

    @Override
    public Map<String, Object> getToolContext() {
        return toolContext;
    }

    @Override
    public Builder mutate() {
        return builder().model(model).temperature(temperature).topP(topP).topK(topK).maxTokens(maxTokens)
                .stopSequences(stopSequences).seed(seed).frequencyPenalty(frequencyPenalty)
                .presencePenalty(presencePenalty).toolChoice(toolChoice).parallelToolCalls(parallelToolCalls)
                .responseFormat(responseFormat).enableThinking(enableThinking).toolCallbacks(toolCallbacks)
                .toolContext(toolContext);
    }

    /**
     * These options with each one that {@code overrides} sets in its place: its stop sequences and tool callbacks
     * replace these, its tool context adds to this one. {@code overrides} may be any Spring AI options; Caracal's own
     * options are read from {@link CaracalChatOptions} only.
     */
    public CaracalChatOptions overriddenBy(ChatOptions overrides) {
        if (overrides == null) {
            return this;
        }
        Builder merged = mutate();
        merged.model(first(overrides.getModel(), model)).temperature(first(overrides.getTemperature(), temperature))
                .topP(first(overrides.getTopP(), topP)).topK(first(overrides.getTopK(), topK))
                .maxTokens(first(overrides.getMaxTokens(), maxTokens))
                .frequencyPenalty(first(overrides.getFrequencyPenalty(), frequencyPenalty))
                .presencePenalty(first(overrides.getPresencePenalty(), presencePenalty));
        if (overrides.getStopSequences() != null) {
            merged.stopSequences(overrides.getStopSequences());
        }
        if (overrides instanceof ToolCallingChatOptions tools) {
            if (tools.getToolCallbacks() != null && !tools.getToolCallbacks().isEmpty()) {
                merged.toolCallbacks(tools.getToolCallbacks());
            }
            if (tools.getToolContext() != null && !tools.getToolContext().isEmpty()) {
                Map<String, Object> context = new LinkedHashMap<>(toolContext);
                context.putAll(tools.getToolContext());
                merged.toolContext(context);
            }
        }
        if (overrides instanceof StructuredOutputChatOptions structured && structured.getOutputSchema() != null) {
            merged.outputSchema(structured.getOutputSchema());
        }
        if (overrides instanceof CaracalChatOptions caracal) {
            merged.seed(first(caracal.seed, seed)).toolChoice(first(caracal.toolChoice, toolChoice))
                    .parallelToolCalls(first(caracal.parallelToolCalls, parallelToolCalls))
                    .responseFormat(first(caracal.responseFormat, responseFormat))
                    .enableThinking(first(caracal.enableThinking, enableThinking));
        }
        return merged.build();
    }

    private static <T> T first(T preferred, T otherwise) {
        return preferred != null ? preferred : otherwise;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CaracalChatOptions that && Objects.equals(model, that.model)
                && Objects.equals(temperature, that.temperature) && Objects.equals(topP, that.topP)
                && Objects.equals(topK, that.topK) && Objects.equals(maxTokens, that.maxTokens)
                && Objects.equals(stopSequences, that.stopSequences) && Objects.equals(seed, that.seed)
                && Objects.equals(frequencyPenalty, that.frequencyPenalty)
                && Objects.equals(presencePenalty, that.presencePenalty) && Objects.equals(toolChoice, that.toolChoice)
                && Objects.equals(parallelToolCalls, that.parallelToolCalls)
                && Objects.equals(responseFormat, that.responseFormat)
                && Objects.equals(enableThinking, that.enableThinking)
                && Objects.equals(toolCallbacks, that.toolCallbacks) && Objects.equals(toolContext, that.toolContext);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, temperature, topP, topK, maxTokens, stopSequences, seed, frequencyPenalty,
                presencePenalty, toolChoice, parallelToolCalls, responseFormat, enableThinking, toolCallbacks,
                toolContext);
    }

    @Override
    public String toString() {
        return "CaracalChatOptions[model=" + model + ", temperature=" + temperature + ", topP=" + topP + ", topK="
                + topK + ", maxTokens=" + maxTokens + ", stopSequences=" + stopSequences + ", seed=" + seed
                + ", frequencyPenalty=" + frequencyPenalty + ", presencePenalty=" + presencePenalty + ", toolChoice="
                + toolChoice + ", parallelToolCalls=" + parallelToolCalls + ", responseFormat=" + responseFormat
                + ", enableThinking=" + enableThinking + ", tools="
                + toolCallbacks.stream().map(tool -> tool.getToolDefinition().name()).toList() + "]";
    }

    /**
     * Builds {@link CaracalChatOptions}; {@code ChatClient} merges its request's options into the model's with
     * {@link #combineWith} (what the other builder sets wins; stop sequences and tool callbacks are appended).
     */
    public static final class Builder extends DefaultToolCallingChatOptions.Builder<Builder>
            implements StructuredOutputChatOptions.Builder<Builder> {

        private Long seed;
        private ToolChoice toolChoice;
        private Boolean parallelToolCalls;
        private OutputConstraint responseFormat;
        private Boolean enableThinking;

        public Builder seed(Long value) {
            this.seed = value;
            return this;
        }

        public Builder toolChoice(ToolChoice value) {
            this.toolChoice = value;
            return this;
        }

        public Builder parallelToolCalls(Boolean value) {
            this.parallelToolCalls = value;
            return this;
        }

        public Builder responseFormat(OutputConstraint value) {
            this.responseFormat = value;
            return this;
        }

        public Builder enableThinking(Boolean value) {
            this.enableThinking = value;
            return this;
        }

        /** A JSON schema response format ({@link OutputConstraint#jsonSchema(String)}), or none for null. */
        @Override
        public Builder outputSchema(String schemaJson) {
            this.responseFormat = schemaJson == null ? null : OutputConstraint.jsonSchema(schemaJson);
            return this;
        }

        @Override
        public Builder combineWith(ChatOptions.Builder<?> other) {
            super.combineWith(other);
            if (other instanceof Builder that) {
                seed = first(that.seed, seed);
                toolChoice = first(that.toolChoice, toolChoice);
                parallelToolCalls = first(that.parallelToolCalls, parallelToolCalls);
                responseFormat = first(that.responseFormat, responseFormat);
                enableThinking = first(that.enableThinking, enableThinking);
            }
            return this;
        }

        @Override
        public CaracalChatOptions build() {
            CaracalChatOptions options = new CaracalChatOptions();
            options.model = model;
            options.temperature = temperature;
            options.topP = topP;
            options.topK = topK;
            options.maxTokens = maxTokens;
            options.stopSequences = stopSequences == null ? null : List.copyOf(stopSequences);
            options.seed = seed;
            options.frequencyPenalty = frequencyPenalty;
            options.presencePenalty = presencePenalty;
            options.toolChoice = toolChoice;
            options.parallelToolCalls = parallelToolCalls;
            options.responseFormat = responseFormat;
            options.enableThinking = enableThinking;
            options.toolCallbacks = toolCallbacks == null ? List.of() : List.copyOf(toolCallbacks);
            options.toolContext = toolContext == null ? Map.of()
                    : Collections.unmodifiableMap(new LinkedHashMap<>(toolContext));
            return options;
        }
    }
}
