package dev.caracal.app.server.engine;

import dev.caracal.app.server.CaracalProperties;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The models the gateway serves, by the name clients use: those of {@link CaracalProperties#models()}, or the bundled
 * demo model when none is configured. They load in the background once the application has started, one after the
 * other; the server answers (503 for a model still loading) meanwhile.
 */
@Component
public class DeploymentRegistry implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentRegistry.class);

    private final Map<String, ModelDeployment> deployments = new LinkedHashMap<>();
    private volatile Thread loader;
    private volatile boolean running;

    public DeploymentRegistry(CaracalProperties properties) {
        if (properties.models().isEmpty() && properties.demoModel()) {
            LOG.info("no model is configured (caracal.models); serving the bundled demo model {}. Serve your own with"
                    + " `caracal serve --model FILE`", DemoModel.NAME);
            add(new ModelDeployment(DemoModel.NAME, DemoModel.config(), DemoModel::extract));
        }
        for (int i = 0; i < properties.models().size(); i++) {
            CaracalProperties.Model model = properties.models().get(i);
            if (model.path() == null || model.path().isBlank()) {
                throw new IllegalArgumentException("caracal.models[" + i + "].path is missing: which model file to"
                        + " serve");
            }
            Path path = Path.of(model.path());
            add(new ModelDeployment(aliasOf(model, path), model, () -> path));
        }
    }

    private void add(ModelDeployment deployment) {
        if (deployments.putIfAbsent(deployment.name(), deployment) != null) {
            throw new IllegalArgumentException("two models are served as " + deployment.name()
                    + "; give them different caracal.models[].alias values");
        }
    }

    /** The name a model is served as: its alias, else its file or directory name without the extension. */
    static String aliasOf(CaracalProperties.Model model, Path path) {
        if (model.alias() != null && !model.alias().isBlank()) {
            return model.alias();
        }
        Path fileName = path.toAbsolutePath().normalize().getFileName();
        String name = fileName == null ? path.toString() : fileName.toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The deployment served as {@code name}. */
    public Optional<ModelDeployment> find(String name) {
        return Optional.ofNullable(deployments.get(name));
    }

    /** Every deployment, in configuration order. */
    public Collection<ModelDeployment> all() {
        return deployments.values();
    }

    /** Whether every model has finished loading (ready or failed). */
    public boolean isSettled() {
        return deployments.values().stream().noneMatch(d -> d.state() == ModelDeployment.State.LOADING);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        loader = Thread.ofPlatform().name("caracal-model-loader").daemon(true).start(() -> {
            for (ModelDeployment deployment : deployments.values()) {
                if (!running) {
                    return;
                }
                deployment.load();
            }
        });
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread thread = loader;
        if (thread != null) {
            try {
                thread.join();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        deployments.values().forEach(ModelDeployment::close);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
