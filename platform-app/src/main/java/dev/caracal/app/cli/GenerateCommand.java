package dev.caracal.app.cli;

import dev.caracal.engine.api.LocalEngine;
import dev.caracal.formats.template.ChatMessage;
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
        try (LocalEngine engine = OneRequestEngine.open(model, backendName, threads, context)) {
            int[] promptTokens;
            if (chat) {
                if (engine.prompts().usesFallbackTemplate()) {
                    throw new ChatTemplateException(model + " has no chat template; leave out --chat");
                }
                promptTokens = engine.prompts().chat(List.of(ChatMessage.user(prompt)));
            } else {
                promptTokens = engine.prompts().text(prompt);
                out.print(prompt);
            }
            out.flush();
            OneRequestEngine.Generated generated = OneRequestEngine.stream(engine, promptTokens,
                    sampling.parameters(tokens), out);
            out.println();
            out.flush();
            err.println(generated.speedLine(engine.backend(), threads));
            err.flush();
        }
        return 0;
    }
}
