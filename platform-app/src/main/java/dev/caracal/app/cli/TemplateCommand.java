package dev.caracal.app.cli;

import dev.caracal.formats.template.ChatMessage;
import dev.caracal.formats.template.ChatTemplate;
import dev.caracal.formats.template.ChatTemplateException;
import dev.caracal.formats.template.ChatTemplates;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code caracal template}: a sample conversation rendered through the model's own chat template. */
@Command(
        name = "template",
        mixinStandardHelpOptions = true,
        description = {
            "Renders a sample conversation through the model's chat template.",
            "The template comes from GGUF tokenizer.chat_template or the model directory's tokenizer_config.json."
        })
final class TemplateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE|DIR",
            description = "GGUF file or Hugging Face model directory")
    Path model;

    @Option(names = "--system", paramLabel = "TEXT", defaultValue = "You are a helpful assistant.",
            description = "the system message (default: ${DEFAULT-VALUE}); empty for none")
    String system;

    @Option(names = "--user", paramLabel = "TEXT", defaultValue = "What is the capital of France?",
            description = "the last user message (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--no-generation-prompt", negatable = false,
            description = "leave out the header that asks the model for the assistant's turn")
    boolean noGenerationPrompt;

    @Option(names = "--single-turn", negatable = false,
            description = "render only the system and user messages, not the sample earlier exchange")
    boolean singleTurn;

    @Override
    public Integer call() throws Exception {
        ChatTemplate template = ChatTemplates.forModel(model).orElseThrow(() -> new ChatTemplateException(
                model + " has no chat template (no tokenizer.chat_template in GGUF metadata, no chat_template in"
                        + " tokenizer_config.json)"));
        List<ChatMessage> messages = new ArrayList<>();
        if (!system.isEmpty()) {
            messages.add(ChatMessage.system(system));
        }
        if (!singleTurn) {
            messages.add(ChatMessage.user("Hello! Who are you?"));
            messages.add(ChatMessage.assistant("I am an assistant. How can I help?"));
        }
        messages.add(ChatMessage.user(user));
        String prompt = template.render(messages,
                template.defaultOptions().withAddGenerationPrompt(!noGenerationPrompt));
        PrintWriter out = spec.commandLine().getOut();
        out.print(prompt);
        if (!prompt.endsWith("\n")) {
            out.println();
        }
        out.flush();
        return 0;
    }
}
