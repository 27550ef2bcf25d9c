package dev.caracal.app.cli;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.engine.model.LanguageModel;
import dev.caracal.engine.model.SequenceRunner;
import dev.caracal.engine.model.TextGenerator;
import dev.caracal.formats.template.ChatMessage;
import dev.caracal.formats.template.ChatTemplate;
import dev.caracal.formats.template.ChatTemplateException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code caracal generate}: streams a model's continuation of a prompt and reports its speed. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Streams the model's continuation of a prompt, then prints prompt and generation speed.",
            "With --chat the prompt is sent as a user message through the model's chat template."
        })
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE|DIR", description = "GGUF file or HF model directory")
    Path model;

    @Option(names = {"-p", "--prompt"}, required = true, paramLabel = "TEXT", description = "the prompt")
    String prompt;

    @Option(names = {"-n", "--tokens"}, defaultValue = "128", paramLabel = "N",
            description = "the most tokens to generate (default: ${DEFAULT-VALUE})")
    int tokens;

    @Option(names = "--chat", description = "apply the model's chat template to the prompt (as one user message)")
    boolean chat;

    @Option(names = {"-c", "--context"}, defaultValue = "0", paramLabel = "TOKENS",
            description = "context length (default: the model's)")
    int context;

    @Option(names = {"-t", "--threads"}, defaultValue = "0", paramLabel = "THREADS",
            description = "worker threads (default: all processors)")
    int threads;

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "NAME", description = "backend (default: best available)")
    String backendName;

    @Mixin
    SamplingOptions sampling;

    @Override
    public Integer call() throws Exception {
        if (tokens < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-n must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Backend backend = BackendRegistry.open(backendName, new BackendOptions(threads));
                LanguageModel language = LanguageModel.open(model, backend, context);
                SequenceRunner sequence = language.newSequence()) {
            int[] promptTokens;
            if (chat) {
                ChatTemplate template = language.chatTemplate().orElseThrow(() -> new ChatTemplateException(
                        model + " has no chat template; leave out --chat"));
                String rendered = template.render(List.of(ChatMessage.user(prompt)),
                        template.defaultOptions().withAddGenerationPrompt(true));
                promptTokens = language.tokenizer().encode(rendered, !rendered.startsWith(bosText(language)), true);
            } else {
                promptTokens = language.tokenizer().encode(prompt);
                out.print(prompt);
            }
            out.flush();
            if (promptTokens.length >= sequence.capacity()) {
                throw new IllegalArgumentException("the prompt is " + promptTokens.length + " tokens; the context holds "
                        + sequence.capacity());
            }
            TextGenerator.Result result = TextGenerator.generate(language, sequence, promptTokens,
                    sampling.parameters(tokens), piece -> {
                        out.print(piece);
                        out.flush();
                    });
            out.println();
            out.flush();
            err.printf("prompt: %d tokens, %.2f tokens/s; generation: %d tokens, %.2f tokens/s (%s, %s, %d threads)%n",
                    result.promptTokens(), result.promptTokensPerSecond(), result.generatedTokens(),
                    result.generationTokensPerSecond(), result.finishReason().name().toLowerCase(), backend.name(),
                    new BackendOptions(threads).resolvedThreads());
            err.flush();
        }
        return 0;
    }

    /** The BOS token's text, which chat templates often write themselves (then the tokenizer must not add another). */
    static String bosText(LanguageModel language) {
        var bos = language.tokenizer().bosToken();
        return bos.isPresent() ? language.tokenizer().piece(bos.getAsInt()) : "\u0000";
    }
}
