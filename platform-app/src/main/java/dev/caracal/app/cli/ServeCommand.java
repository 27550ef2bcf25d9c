package dev.caracal.app.cli;

import dev.caracal.app.server.CaracalServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code caracal serve}: starts the gateway (the only command that starts Spring) and runs until it is stopped. The
 * options are shorthands for {@code caracal.*} properties; any other Spring Boot property can follow as
 * {@code --name=value}.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serves models over an OpenAI-compatible HTTP API (/v1/chat/completions,",
            "/v1/completions, /v1/models) with Prometheus metrics at /actuator/prometheus.",
            "Without --model it serves the bundled demo model stories260K.",
            "Any caracal.* or Spring Boot property can follow as --caracal.name=value."
        },
        footer = {"", "Example:", "  caracal serve -m model.gguf -p 8000 --caracal.models[0].kv-memory=2GB"})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, paramLabel = "FILE|DIR",
            description = "GGUF file or Hugging Face model directory to serve (caracal.models[0].path)")
    Path model;

    @Option(names = "--alias", paramLabel = "NAME",
            description = "the name clients use for the model (default: the file name without extension)")
    String alias;

    @Option(names = {"-p", "--port"}, paramLabel = "N", description = "HTTP port (caracal.port, default: 8000)")
    Integer port;

    @Option(names = {"-H", "--host"}, paramLabel = "ADDRESS",
            description = "address to listen on (caracal.host, default: 127.0.0.1, this machine only; 0.0.0.0 for"
                    + " every interface: configure API keys first)")
    String host;

    @Option(names = "--backend", paramLabel = "NAME", description = "backend (default: the best available)")
    String backend;

    @Option(names = {"-c", "--context"}, paramLabel = "TOKENS",
            description = "context length per request (default: the model's)")
    Integer context;

    @Option(names = "--role", paramLabel = "worker|router",
            description = "worker (default): serve models; router: serve none, forward each request to one of"
                    + " --workers, chosen by cached prefix and load (caracal.role)")
    String role;

    @Option(names = "--workers", paramLabel = "URL[,URL...]", split = ",",
            description = "the workers of a router (caracal.router.workers): base URLs such as"
                    + " http://10.0.0.5:8000; a host name with several addresses is one worker per address")
    List<String> workers;

    @Unmatched
    List<String> properties = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<String> arguments = new ArrayList<>();
        if (role != null && !role.equals("worker") && !role.equals("router")) {
            throw new ParameterException(spec.commandLine(), "--role is worker or router, not '" + role + "'");
        }
        boolean router = "router".equals(role);
        if (router && model != null) {
            throw new ParameterException(spec.commandLine(), "a router serves no model of its own: give its workers"
                    + " with --workers, and --model to each worker");
        }
        if (workers != null && !router) {
            throw new ParameterException(spec.commandLine(), "--workers needs --role router");
        }
        if (router) {
            arguments.add("--caracal.role=router");
            arguments.add("--caracal.demo-model=false");
            if (workers != null) {
                arguments.add("--caracal.router.workers=" + String.join(",", workers));
            }
        }
        if (model != null) {
            if (!Files.exists(model)) {
                throw new ParameterException(spec.commandLine(), "no such model file or directory: " + model);
            }
            arguments.add("--caracal.models[0].path=" + model.toAbsolutePath());
            addIfSet(arguments, "caracal.models[0].alias", alias);
            addIfSet(arguments, "caracal.models[0].backend", backend);
            addIfSet(arguments, "caracal.models[0].context-length", context);
        } else if (alias != null || backend != null || context != null) {
            throw new ParameterException(spec.commandLine(), "--alias, --backend and --context need --model");
        }
        addIfSet(arguments, "caracal.port", port);
        addIfSet(arguments, "caracal.host", host);
        for (String property : properties) {
            if (!property.startsWith("--") || !property.contains("=")) {
                throw new ParameterException(spec.commandLine(), "unknown argument '" + property
                        + "': properties are given as --name=value (for example --caracal.port=8001)");
            }
            arguments.add(property);
        }
        ConfigurableApplicationContext server;
        try {
            server = CaracalServer.start(arguments.toArray(String[]::new));
        } catch (RuntimeException failure) {
            Throwable cause = failure;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            // Spring wraps a configuration error in bean-creation exceptions: say what is wrong, not where.
            throw new IllegalStateException("the server did not start: " + cause.getMessage(), failure);
        }
        CountDownLatch closed = new CountDownLatch(1);
        server.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        if (server.isActive()) {
            closed.await();
        }
        return 0;
    }

    private static void addIfSet(List<String> arguments, String property, Object value) {
        if (value != null) {
            arguments.add("--" + property + "=" + value);
        }
    }
}
