package dev.caracal.app.server.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's configuration, under the prefix {@code caracal} (application.yml, environment, or
 * {@code --caracal.…=…} on the command line).
 *
 * @param models             the models to load at start-up; with none, the bundled demo model is served (unless
 *                           {@code demo-model} is false)
 * @param demoModel          serve the bundled stories260K model when no model is configured
 * @param port               the HTTP port (the same as {@code server.port})
 * @param host               the address the server listens on (the same as {@code server.address}): 127.0.0.1 (this
 *                           machine only) unless told otherwise; {@code 0.0.0.0} for every interface
 * @param apiKeys            no longer supported (plain keys in the configuration): start-up fails and points to
 *                           {@code caracal.security.tenants}, whose keys are stored as hashes
 * @param maxWaitingRequests the most requests one model deployment queues for admission; more get 429 (and
 *                           {@code Retry-After})
 * @param modelDirectories   when set, model paths must lie in one of these directories (symbolic links followed)
 */
@ConfigurationProperties("caracal")
public record CaracalProperties(
        List<Model> models,
        @DefaultValue("true") boolean demoModel,
        @DefaultValue("8000") int port,
        @DefaultValue("127.0.0.1") String host,
        List<String> apiKeys,
        @DefaultValue("256") int maxWaitingRequests,
        List<String> modelDirectories) {

    public CaracalProperties {
        models = models == null ? List.of() : List.copyOf(models);
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        modelDirectories = modelDirectories == null ? List.of() : List.copyOf(modelDirectories);
        if (!apiKeys.isEmpty()) {
            throw new IllegalArgumentException("caracal.api-keys (plain keys) is replaced by caracal.security.tenants,"
                    + " which stores the SHA-256 of each key: `caracal hash-key KEY` prints it (see README, API keys)");
        }
        if (maxWaitingRequests < 1) {
            throw new IllegalArgumentException("caracal.max-waiting-requests must be ≥ 1, was " + maxWaitingRequests);
        }
    }

    /**
     * One model to serve.
     *
     * @param path          a GGUF file or a Hugging Face model directory
     * @param alias         the name clients use in {@code model}; the file name without extension when not given
     * @param backend       the backend to run on ({@code auto}: the best available, see {@code caracal backends})
     * @param contextLength the most tokens one request may hold (prompt and completion); 0 for the model's own
     * @param kvMemory      memory for the KV cache (for example {@code 512MB}); when not given, a share of the free
     *                      memory
     * @param maxSequences  the most requests the engine runs at once
     * @param threads       worker threads of the backend; 0 for one per processor
     */
    public record Model(
            String path,
            String alias,
            @DefaultValue("auto") String backend,
            @DefaultValue("0") int contextLength,
            DataSize kvMemory,
            @DefaultValue("64") int maxSequences,
            @DefaultValue("0") int threads) {
    }
}
