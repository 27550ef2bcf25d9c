package dev.caracal.spring.boot.chat;

import dev.caracal.engine.api.EngineRequest;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.api.chat.ChatOptions;
import dev.caracal.engine.api.chat.ChatReading;
import dev.caracal.engine.api.chat.PreparedChat;
import dev.caracal.formats.template.ChatMessage;
import dev.caracal.formats.toolcall.OutputEvent;
import dev.caracal.spring.boot.CaracalProperties;
import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.spring.boot.engine.ModelDeployment;
import dev.caracal.spring.boot.metrics.GenerationObserver;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Flux;

/**
 * Runs chats on the application's models in process, as the gateway runs them over HTTP: the conversation rendered
 * with its tools and response format ({@link PreparedChat}), sampled as asked (then as {@code caracal.chat.*} says,
 * then as the engine's defaults), measured by the application's {@link GenerationObserver}, and read into content,
 * reasoning and tool calls. The LangChain4j and Spring AI models are built on it. Thread-safe.
 */
public final class LocalChat {

    private final DeploymentRegistry deployments;
    private final GenerationObserver observer;
    private final CaracalProperties.Chat defaults;
    private final Duration loadTimeout;

    /**
     * @param deployments the application's models
     * @param observer    watches every request ({@link GenerationObserver#NONE} for nothing)
     * @param defaults    what a request that says nothing gets
     * @param loadTimeout how long a request waits for a model still loading in the background
     */
    public LocalChat(DeploymentRegistry deployments, GenerationObserver observer, CaracalProperties.Chat defaults,
            Duration loadTimeout) {
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.loadTimeout = Objects.requireNonNull(loadTimeout, "loadTimeout");
    }

    /** The name of the model a request that names none goes to ({@code caracal.chat.model}, or the first model). */
    public String defaultModel() {
        return deployment(null).alias();
    }

    /**
     * Submits one chat now.
     *
     * @param model    the model's name (its alias), or null for {@link #defaultModel()}
     * @param messages the conversation so far
     * @param options  tools, tool choice, response format, template variables
     * @param sampling what the request asks of sampling
     * @throws IllegalArgumentException naming what is wrong: no such model, a parameter out of range, a prompt (or
     *     prompt and maximum tokens) longer than the context, an unsupported schema
     *     ({@link dev.caracal.engine.api.chat.InvalidChatException})
     * @throws IllegalStateException    when the model failed to load, is still loading after the load timeout, or is
     *     shutting down
     */
    public ChatTurn submit(String model, List<ChatMessage> messages, ChatOptions options, ChatSampling sampling) {
        long arrival = System.nanoTime();
        ModelDeployment deployment = deployment(model);
        deployment.awaitReady(loadTimeout);
        PreparedChat chat = PreparedChat.prepare(deployment.prompts(), messages, options);
        int[] prompt = chat.prompt();
        SamplingParameters parameters = chat.apply(sampling(sampling, prompt.length, deployment.contextLength()))
                .validateFor(deployment.prompts().vocabularySize());
        ChatReading.Reader reader = chat.reading().reader();
        var chunks = observer.observe(deployment.name(), prompt.length,
                deployment.generate(EngineRequest.of(EngineRequest.newId(), prompt, parameters)), arrival);
        Flux<ChatTurn.Step> steps = chunks.map(chunk -> {
            List<OutputEvent> events = reader.read(chunk);
            return new ChatTurn.Step(chunk, events, reader.reasoningTokens(), reader.calledTools());
        });
        return new ChatTurn(deployment.name(), prompt.length, steps);
    }

    private ModelDeployment deployment(String model) {
        String name = model != null && !model.isBlank() ? model : defaults.model();
        return deployments.first(name).orElseThrow(() -> new IllegalArgumentException(name == null
                ? "no model is configured (caracal.models)"
                : "there is no model named '" + name + "'; the models are " + deployments.aliases()));
    }

    private SamplingParameters sampling(ChatSampling asked, int promptTokens, int context) {
        SamplingParameters.Builder builder = SamplingParameters.builder();
        Double temperature = first(asked.temperature(), defaults.temperature());
        if (temperature != null) {
            builder.temperature(temperature);
        }
        Double topP = first(asked.topP(), defaults.topP());
        if (topP != null) {
            builder.topP(topP);
        }
        Integer topK = first(asked.topK(), defaults.topK());
        if (topK != null) {
            builder.topK(topK);
        }
        Long seed = first(asked.seed(), defaults.seed());
        if (seed != null) {
            builder.seed(seed);
        }
        if (asked.presencePenalty() != null) {
            builder.presencePenalty(asked.presencePenalty());
        }
        if (asked.frequencyPenalty() != null) {
            builder.frequencyPenalty(asked.frequencyPenalty());
        }
        if (!asked.stop().isEmpty()) {
            builder.stop(asked.stop());
        }
        Integer maxTokens = first(asked.maxTokens(), defaults.maxTokens());
        int room = context - promptTokens;
        if (maxTokens == null ? room < 1 : (long) promptTokens + maxTokens > context) {
            throw new IllegalArgumentException("this model's context is " + context + " tokens, and the prompt holds "
                    + promptTokens + (maxTokens == null ? "" : " and the reply may take " + maxTokens)
                    + "; shorten the conversation" + (maxTokens == null ? "" : " or ask for fewer tokens"));
        }
        return builder.maxTokens(maxTokens == null ? room : maxTokens).build();
    }

    private static <T> T first(T asked, T configured) {
        return asked != null ? asked : configured;
    }
}
