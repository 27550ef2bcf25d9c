package dev.caracal.app.cli;

import dev.caracal.engine.api.LocalEngine;
import dev.caracal.formats.template.ChatMessage;
import dev.caracal.formats.template.ChatTemplateException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code caracal chat}: an interactive conversation through the model's chat template. */
@Command(
        name = "chat",
        mixinStandardHelpOptions = true,
        description = {
            "An interactive conversation with a model through its chat template.",
            "Type a message and Enter; /reset starts over, /exit (or end of input) quits."
        })
final class ChatCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE|DIR", description = "GGUF file or HF model directory")
    Path model;

    @Option(names = "--system", paramLabel = "TEXT", description = "a system message to start the conversation with")
    String system;

    @Option(names = {"-n", "--tokens"}, defaultValue = "512", paramLabel = "N",
            description = "the most tokens per answer (default: ${DEFAULT-VALUE})")
    int tokens;

    @Option(names = {"-c", "--context"}, defaultValue = "0", paramLabel = "TOKENS", description = "context length (default: the model's)")
    int context;

    @Option(names = {"-t", "--threads"}, defaultValue = "0", paramLabel = "THREADS", description = "worker threads (default: all)")
    int threads;

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "NAME", description = "backend (default: best available)")
    String backendName;

    @Mixin
    SamplingOptions sampling;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (LocalEngine engine = OneRequestEngine.open(model, backendName, threads, context)) {
            if (engine.prompts().usesFallbackTemplate()) {
                throw new ChatTemplateException(model + " has no chat template; use caracal generate instead");
            }
            List<ChatMessage> conversation = new ArrayList<>();
            out.println("Chatting with " + model.getFileName() + ". /reset starts over, /exit quits.");
            while (true) {
                out.print("> ");
                out.flush();
                String line = in.readLine();
                if (line == null || line.strip().equals("/exit")) {
                    break;
                }
                if (line.strip().equals("/reset")) {
                    conversation.clear();
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                if (conversation.isEmpty() && system != null) {
                    conversation.add(ChatMessage.system(system));
                }
                conversation.add(ChatMessage.user(line));
                // Each turn sends the whole conversation; the engine's prefix cache keeps the turns before.
                int[] prompt = engine.prompts().chat(conversation);
                if (prompt.length + tokens > engine.contextLength()) {
                    out.println("(the conversation no longer fits the " + engine.contextLength()
                            + "-token context; /reset to start over)");
                    conversation.removeLast();
                    continue;
                }
                OneRequestEngine.Generated answer = OneRequestEngine.stream(engine, prompt,
                        sampling.parameters(tokens), out);
                out.println();
                conversation.add(ChatMessage.assistant(answer.text()));
            }
        }
        return 0;
    }
}
