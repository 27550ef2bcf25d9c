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
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
        try (Backend backend = BackendRegistry.open(backendName, new BackendOptions(threads));
                LanguageModel language = LanguageModel.open(model, backend, context);
                SequenceRunner sequence = language.newSequence()) {
            ChatTemplate template = language.chatTemplate().orElseThrow(() -> new ChatTemplateException(
                    model + " has no chat template; use caracal generate instead"));
            List<ChatMessage> conversation = new ArrayList<>();
            int[] inSequence = new int[0];
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
                    sequence.reset();
                    inSequence = new int[0];
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                if (conversation.isEmpty() && system != null) {
                    conversation.add(ChatMessage.system(system));
                }
                conversation.add(ChatMessage.user(line));
                String rendered = template.render(conversation, template.defaultOptions().withAddGenerationPrompt(true));
                int[] prompt = language.tokenizer().encode(rendered,
                        !rendered.startsWith(GenerateCommand.bosText(language)), true);
                // Reuse the cached prefix the conversation shares with what the sequence already holds.
                int shared = 0;
                while (shared < inSequence.length && shared < prompt.length - 1 && inSequence[shared] == prompt[shared]) {
                    shared++;
                }
                sequence.truncate(Math.min(shared, sequence.length()));
                int[] rest = Arrays.copyOfRange(prompt, sequence.length(), prompt.length);
                if (prompt.length + tokens > sequence.capacity()) {
                    out.println("(the conversation no longer fits the " + sequence.capacity()
                            + "-token context; /reset to start over)");
                    conversation.removeLast();
                    continue;
                }
                TextGenerator.Result result = TextGenerator.generate(language, sequence, rest,
                        sampling.parameters(tokens), piece -> {
                            out.print(piece);
                            out.flush();
                        });
                out.println();
                conversation.add(ChatMessage.assistant(result.text()));
                int[] generated = result.generatedIds();
                inSequence = Arrays.copyOf(prompt, sequence.length());
                System.arraycopy(generated, 0, inSequence, prompt.length,
                        Math.max(0, sequence.length() - prompt.length));
            }
        }
        return 0;
    }
}
