package dev.caracal.app.server;

import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.engine.structured.SchemaValidator;
import dev.caracal.formats.random.RandomModelWriter.Architecture;
import dev.caracal.formats.random.RandomModelWriter.Spec;
import dev.caracal.formats.random.RandomModelWriter.Vocabulary;
import dev.caracal.formats.testing.RandomModels;
import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One gateway, started once per test JVM, serving three chat formats: the bundled stories260K (no template: tools are
 * described in a system message Caracal writes, Hermes-style calls), a random-weight Qwen3-shaped model with Qwen3's
 * tokenizer and template (Hermes calls, {@code <think>} reasoning), and a random-weight Llama-shaped model with
 * Llama 3's tokenizer and the Llama 3.1 template (JSON calls). Random weights say nothing useful, so whatever they
 * write, constrained decoding must make it valid.
 */
public final class ToolModelsServer {

    /** The models, by served name. */
    public static final String STORIES = "stories260K";
    public static final String QWEN3 = "qwen3-random";
    public static final String LLAMA31 = "llama31-random";
    public static final List<String> MODELS = List.of(STORIES, QWEN3, LLAMA31);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static ConfigurableApplicationContext server;

    private ToolModelsServer() {
    }

    /** The base URL of the running server ({@code http://127.0.0.1:PORT}), started at the first call. */
    public static synchronized String baseUrl() {
        if (server == null) {
            server = CaracalServer.start(new String[] {"--server.port=0", "--server.address=127.0.0.1",
                "--caracal.models[0].path=" + SharedData.require("models/stories260K.gguf"),
                "--caracal.models[0].alias=" + STORIES, "--caracal.models[0].context-length=2048",
                "--caracal.models[1].path=" + qwen3(), "--caracal.models[1].alias=" + QWEN3,
                "--caracal.models[1].context-length=2048",
                "--caracal.models[2].path=" + llama31(), "--caracal.models[2].alias=" + LLAMA31,
                "--caracal.models[2].context-length=2048"});
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            var registry = server.getBean(dev.caracal.spring.boot.engine.DeploymentRegistry.class);
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!registry.isSettled() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }
        return "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
    }

    /** The errors of {@code value} against {@code schema}; empty when valid (the engine tests' independent checker). */
    public static List<String> validate(JsonNode value, JsonNode schema) {
        return new SchemaValidator(schema).errors(value);
    }

    private static Spec small(String name, Vocabulary vocabulary) {
        return Spec.small().withName(name).withSizes(64, 1, 128).withHeads(4, 2, 0).withContextLength(2048)
                .withFormats(QuantFormat.F16, Optional.empty()).withTiedEmbeddings(true).withVocabulary(vocabulary);
    }

    private static Path qwen3() {
        return RandomModels.file(small("tools-qwen3", Vocabulary.fromTokenizerJson(
                SharedData.require("tokenizers/qwen3/tokenizer.json"), "qwen2")).withArchitecture(Architecture.QWEN3));
    }

    /** Llama 3's tokenizer with the Llama 3.1 Instruct template (the shared tokenizer_config has Llama 3.0's). */
    private static Path llama31() {
        try {
            Path directory = SharedData.repositoryRoot().resolve("platform-app/target/tool-models/llama31");
            Files.createDirectories(directory);
            Path tokenizer = directory.resolve("tokenizer.json");
            if (!Files.exists(tokenizer)) {
                Files.copy(SharedData.require("tokenizers/llama3/tokenizer.json"), tokenizer);
            }
            ObjectNode config = (ObjectNode) JSON.readTree(Files.readString(
                    SharedData.require("tokenizers/llama3/tokenizer_config.json")));
            config.put("chat_template", Files.readString(
                    SharedData.require("chat-templates/meta-llama-Llama-3.1-8B-Instruct.jinja")));
            Files.writeString(directory.resolve("tokenizer_config.json"), config.toString());
            return RandomModels.file(small("tools-llama31", Vocabulary.fromTokenizerJson(tokenizer, "llama-bpe")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
