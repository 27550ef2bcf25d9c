package dev.caracal.app.cli;

import dev.caracal.formats.ModelFormatException;
import dev.caracal.formats.template.ChatTemplateException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code caracal} command line: one executable with a subcommand per job. */
@Command(
        name = "caracal",
        mixinStandardHelpOptions = true,
        versionProvider = CaracalCommand.Version.class,
        description = "Caracal: serve and inspect large language models from the JVM.",
        subcommands = {InspectCommand.class, TokenizeCommand.class, TemplateCommand.class, BackendsCommand.class,
            BenchCommand.class, BenchEngineCommand.class, BenchServeCommand.class, BenchStructuredCommand.class,
            GenerateCommand.class, ChatCommand.class, EvaluateCommand.class, ImatrixCommand.class,
            QuantizeCommand.class, RandomModelCommand.class, ServeCommand.class, HashKeyCommand.class,
            PullCommand.class, ShareCommand.class, PruneCommand.class, DistillCommand.class,
            CommandLine.HelpCommand.class})
public final class CaracalCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] arguments) {
        System.exit(run(arguments, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given output streams and returns the exit code (0 on success). */
    public static int run(String[] arguments, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new CaracalCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((failure, command, parsed) -> {
            command.getErr().println("caracal " + command.getCommandName() + ": " + describe(failure));
            command.getErr().flush();
            return failure instanceof ModelFormatException || failure instanceof ChatTemplateException
                    ? ExitCodes.BAD_INPUT : ExitCodes.FAILURE;
        });
        return commandLine.execute(arguments);
    }

    /** A failure as one line for a person: the message, never a stack trace. */
    static String describe(Throwable failure) {
        if (failure instanceof java.nio.file.NoSuchFileException missing) {
            return "no such file: " + missing.getFile();
        }
        if (failure instanceof java.nio.file.AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Exit codes of the command line. */
    static final class ExitCodes {
        static final int FAILURE = 1;
        static final int BAD_INPUT = 3;

        private ExitCodes() {
        }
    }

    /** Reads the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = CaracalCommand.class.getPackage().getImplementationVersion();
            return new String[] {"caracal " + (version == null ? "(development build)" : version),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
