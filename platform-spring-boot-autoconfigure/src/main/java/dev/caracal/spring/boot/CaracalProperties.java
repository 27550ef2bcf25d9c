package dev.caracal.spring.boot;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The models Caracal runs in this application and how, under the prefix {@code caracal} (application.yml, environment,
 * or {@code --caracal.…=…} on the command line): the same properties in an embedding application and in the gateway.
 *
 * @param enabled          whether Caracal's auto-configuration runs at all
 * @param models           the models to load at start-up; with none, the bundled demo model is served (unless
 *                         {@code demo-model} is false)
 * @param demoModel        load the bundled stories260K model when no model is configured
 * @param modelDirectories when set, model paths must lie in one of these directories (symbolic links followed)
 * @param loadInBackground load the models after start-up, one after the other, instead of before the application is
 *                         ready: a model still loading answers nothing (the gateway answers 503), and one that fails
 *                         to load is reported by the health indicator instead of failing start-up
 * @param shutdownTimeout  how long closing the application waits for running requests to finish; those still running
 *                         then are cancelled
 * @param keepAlive        a model not pinned that has had no request for this long is unloaded (as Ollama's
 *                         {@code keep_alive}); never when not given
 * @param chat             what the in-process chat models (LangChain4j, Spring AI) use when a request does not say
 * @param metrics          how the metrics are named
 */
@ConfigurationProperties("caracal")
public record CaracalProperties(
        @DefaultValue("true") boolean enabled,
        List<Model> models,
        @DefaultValue("true") boolean demoModel,
        List<String> modelDirectories,
        @DefaultValue("false") boolean loadInBackground,
        @DefaultValue("30s") Duration shutdownTimeout,
        Duration keepAlive,
        @DefaultValue Chat chat,
        @DefaultValue Metrics metrics) {

    public CaracalProperties {
        models = models == null ? List.of() : List.copyOf(models);
        modelDirectories = modelDirectories == null ? List.of() : List.copyOf(modelDirectories);
        if (shutdownTimeout == null || shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("caracal.shutdown-timeout must be zero or more, was " + shutdownTimeout);
        }
        if (keepAlive != null && !keepAlive.isPositive()) {
            throw new IllegalArgumentException("caracal.keep-alive must be positive (or not set, to keep models"
                    + " loaded), was " + keepAlive);
        }
        chat = chat == null ? new Chat(null, null, null, null, null, null) : chat;
        metrics = metrics == null ? new Metrics(false) : metrics;
    }

    /**
     * One model to run.
     *
     * @param path          a GGUF file or a Hugging Face model directory
     * @param alias         the model's name (what clients send as {@code model}); the file name without extension
     *                      when not given
     * @param backend       the backend to run on ({@code auto}: the best available, see {@code caracal backends})
     * @param contextLength the most tokens one request may hold (prompt and completion); 0 for the model's own
     * @param kvMemory      memory for the KV cache (for example {@code 512MB}); when not given, a share of the free
     *                      memory
     * @param maxSequences  the most requests the engine runs at once
     * @param threads       worker threads of the backend; 0 for one per processor
     * @param pinned        never unloaded for being idle ({@code caracal.keep-alive}); configured models are, unless
     *                      told otherwise
     */
    public record Model(
            String path,
            String alias,
            @DefaultValue("auto") String backend,
            @DefaultValue("0") int contextLength,
            DataSize kvMemory,
            @DefaultValue("64") int maxSequences,
            @DefaultValue("0") int threads,
            @DefaultValue("true") boolean pinned) {
    }

    /**
     * The defaults of the in-process chat models for what a request leaves out.
     *
     * @param model       the model a request that names none goes to (its alias); the first model when not given
     * @param temperature sampling temperature (0: greedy); the engine's default (1) when not given
     * @param topP        nucleus sampling's probability mass
     * @param topK        sample among this many most likely tokens
     * @param maxTokens   the most tokens one reply may have; up to the context when not given
     * @param seed        the random seed of sampling, for repeatable replies
     */
    public record Chat(String model, Double temperature, Double topP, Integer topK, Integer maxTokens, Long seed) {
    }

    /**
     * How the metrics are named.
     *
     * @param vllmNames also publish the load of each model under vLLM's names ({@code vllm:num_requests_waiting},
     *                  {@code vllm:num_requests_running}, {@code vllm:kv_cache_usage_perc},
     *                  {@code vllm:cache_config_info}), the ones a Kubernetes inference gateway's endpoint picker reads
     *                  by default
     */
    public record Metrics(@DefaultValue("false") boolean vllmNames) {
    }
}
