package dev.caracal.spring.boot.engine;

import dev.caracal.api.kv.KvBlockStore;
import dev.caracal.engine.api.EngineOptions;
import dev.caracal.engine.api.LocalEngine;
import dev.caracal.spring.boot.CaracalProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The models of the application, by the name clients use: those of {@link CaracalProperties#models()}, or the bundled
 * demo model when none is configured. Several entries with the same alias are deployments of one model: the first
 * serves, the others take over (in the gateway) while its circuit breaker is open. Model files must lie in
 * {@link CaracalProperties#modelDirectories()} when those are set. The models load one after the other when the
 * application starts, before it is ready (a model that fails fails start-up) or, with
 * {@link CaracalProperties#loadInBackground()}, after it (meanwhile the gateway answers 503). Stopping drains them:
 * running requests may finish for {@link CaracalProperties#shutdownTimeout()}, then they are cancelled. Models can also
 * be loaded and unloaded while the application runs ({@link #load}, {@link #unload}), and those not pinned are unloaded
 * after {@link CaracalProperties#keepAlive()} without requests. Thread-safe.
 */
public class DeploymentRegistry implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentRegistry.class);

    /** Hears models come and go (metrics, admission gates). */
    public interface Listener {
        /** {@code deployment} was added (loading, or about to load). */
        default void added(ModelDeployment deployment) {
        }

        /** {@code deployment} was unloaded and closed, and is no longer in the registry. */
        default void removed(ModelDeployment deployment) {
        }
    }

    private final Object lock = new Object();
    private final Map<String, ModelDeployment> deployments = new LinkedHashMap<>(); // guarded by lock
    private final Map<String, List<ModelDeployment>> aliases = new LinkedHashMap<>(); // guarded by lock
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ModelDirectories directories;
    private final boolean loadInBackground;
    private final Duration shutdownTimeout;
    private final Duration keepAlive;
    private volatile Thread loader;
    private volatile Thread keeper;
    private volatile KvBlockStore blockStore;
    private volatile boolean running;

    /**
     * @throws IllegalArgumentException when a configured model is missing its path, lies outside the model directories,
     *     cannot be read, or has too little KV memory for one request (the message says which and what to do)
     */
    public DeploymentRegistry(CaracalProperties properties) {
        loadInBackground = properties.loadInBackground();
        shutdownTimeout = properties.shutdownTimeout();
        keepAlive = properties.keepAlive();
        if (properties.models().isEmpty() && properties.demoModel()) {
            LOG.info("no model is configured (caracal.models); serving the bundled demo model {}. Serve your own with"
                    + " `caracal serve --model FILE`", DemoModel.NAME);
            add(DemoModel.NAME, DemoModel.config(), DemoModel::extract);
        }
        directories = new ModelDirectories(properties.modelDirectories());
        for (int i = 0; i < properties.models().size(); i++) {
            CaracalProperties.Model model = properties.models().get(i);
            if (model.path() == null || model.path().isBlank()) {
                throw new IllegalArgumentException("caracal.models[" + i + "].path is missing: which model file to"
                        + " serve");
            }
            addConfined(model, "caracal.models[" + i + "]");
        }
    }

    /** Adds {@code model} after checking that its files lie in the model directories and its KV memory is enough. */
    private ModelDeployment addConfined(CaracalProperties.Model model, String prefix) {
        Path configured = Path.of(model.path());
        String what = prefix + ".path";
        Path path = directories.confine(configured, what);
        try {
            directories.confineFiles(path, what);
        } catch (IOException unreadable) {
            throw new IllegalArgumentException(what + " (" + path + ") cannot be read: " + unreadable.getMessage(),
                    unreadable);
        }
        checkKvMemory(model, path, what);
        return add(aliasOf(model, configured), model, () -> {
            directories.confineFiles(path, what); // again: the files may have changed since start-up
            return path;
        });
    }

    /**
     * Refuses to start when a configured {@code kv-memory} cannot hold one request of the model's context (as the
     * engine would size it): the message says how much is needed. Reads only the model's hyperparameters.
     */
    private static void checkKvMemory(CaracalProperties.Model model, Path path, String what) {
        if (model.kvMemory() == null) {
            return;
        }
        EngineOptions options = ModelDeployment.options(model, null);
        LocalEngine.KvCacheNeed need;
        try {
            need = LocalEngine.kvCacheNeed(path, options);
        } catch (IOException | RuntimeException unreadable) {
            return; // loading reports it, with the file's own message
        }
        long needed = need.bytes();
        if (model.kvMemory().toBytes() < needed) {
            String prefix = what.substring(0, what.length() - ".path".length());
            throw new IllegalArgumentException(String.format("%s.kv-memory (%s) cannot hold one request of the"
                    + " %,d-token context: that needs %,d bytes (%.1f MB) of %s KV cache; give %s.kv-memory at least"
                    + " %dMB, or a shorter %s.context-length", prefix, model.kvMemory(), need.contextLength(),
                    needed, needed / 1e6, options.kvCacheType(), prefix, (needed + (1 << 20) - 1) >> 20, prefix));
        }
    }

    private ModelDeployment add(String alias, CaracalProperties.Model config, Callable<Path> file) {
        ModelDeployment deployment;
        synchronized (lock) {
            List<ModelDeployment> group = aliases.computeIfAbsent(alias, a -> new ArrayList<>());
            String name = group.isEmpty() ? alias : alias + "#" + (group.size() + 1);
            deployment = new ModelDeployment(name, alias, config, file);
            if (deployments.putIfAbsent(name, deployment) != null) {
                throw new IllegalArgumentException("two model deployments are named " + name
                        + "; give them different caracal.models[].alias values");
            }
            group.add(deployment);
        }
        listeners.forEach(listener -> listener.added(deployment));
        return deployment;
    }

    /**
     * Loads another model while the application runs, in the background: it is returned at once, loading.
     *
     * @throws IllegalArgumentException when its path is missing, outside the model directories or unreadable, or its
     *     KV memory cannot hold one request
     * @throws IllegalStateException    when a model of that alias is already loaded
     */
    public ModelDeployment load(CaracalProperties.Model model) {
        if (model.path() == null || model.path().isBlank()) {
            throw new IllegalArgumentException("path is missing: which model file to load");
        }
        String alias = aliasOf(model, Path.of(model.path()));
        synchronized (lock) {
            if (aliases.containsKey(alias)) {
                throw new IllegalStateException("a model named " + alias + " is loaded; unload it first, or give"
                        + " this one another alias");
            }
        }
        ModelDeployment deployment = addConfined(model, "model");
        Thread.ofPlatform().name("caracal-model-loader-" + deployment.name()).daemon(true)
                .start(() -> deployment.load(blockStore));
        return deployment;
    }

    /**
     * Unloads the deployment named {@code name} in the background: it takes no new requests (the gateway answers 503),
     * its running requests may finish for the shutdown timeout, then it is closed and removed.
     *
     * @return the deployment, draining; empty when there is none of that name
     */
    public Optional<ModelDeployment> unload(String name) {
        Optional<ModelDeployment> found = find(name);
        found.ifPresent(deployment -> {
            deployment.startDraining();
            Thread.ofPlatform().name("caracal-model-unloader-" + name).daemon(true).start(() -> {
                deployment.drain(shutdownTimeout);
                deployment.close();
                remove(deployment);
                LOG.info("model {} is unloaded", name);
            });
        });
        return found;
    }

    private void remove(ModelDeployment deployment) {
        synchronized (lock) {
            if (!deployments.remove(deployment.name(), deployment)) {
                return;
            }
            List<ModelDeployment> group = aliases.get(deployment.alias());
            if (group != null) {
                group.remove(deployment);
                if (group.isEmpty()) {
                    aliases.remove(deployment.alias());
                }
            }
        }
        listeners.forEach(listener -> listener.removed(deployment));
    }

    /** Tells {@code listener} of every deployment added or removed from now on. */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** The directories models may be loaded from ({@code caracal.model-directories}). */
    public ModelDirectories directories() {
        return directories;
    }

    /** How long a model that is not pinned stays loaded without requests; null for ever. */
    public Duration keepAlive() {
        return keepAlive;
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

    /** The second tier of the prefix cache that every deployment's engine uses (before {@link #start()}). */
    public void useBlockStore(KvBlockStore store) {
        blockStore = store;
    }

    /** The deployment named {@code name} (the first deployment of an alias is named as the alias). */
    public Optional<ModelDeployment> find(String name) {
        synchronized (lock) {
            return Optional.ofNullable(deployments.get(name));
        }
    }

    /** The deployments served as {@code alias}, in configuration order (empty when none). */
    public List<ModelDeployment> group(String alias) {
        synchronized (lock) {
            return List.copyOf(aliases.getOrDefault(alias, List.of()));
        }
    }

    /** The names clients use, in configuration order. */
    public List<String> aliases() {
        synchronized (lock) {
            return List.copyOf(aliases.keySet());
        }
    }

    /** The first deployment of {@code alias}, or of the first alias when {@code alias} is null. */
    public Optional<ModelDeployment> first(String alias) {
        synchronized (lock) {
            String name = alias != null ? alias : aliases.keySet().stream().findFirst().orElse(null);
            List<ModelDeployment> group = name == null ? null : aliases.get(name);
            return group == null || group.isEmpty() ? Optional.empty() : Optional.of(group.getFirst());
        }
    }

    /** Every deployment, in configuration order (a copy). */
    public List<ModelDeployment> all() {
        synchronized (lock) {
            return List.copyOf(deployments.values());
        }
    }

    /** Whether every model has finished loading (ready or failed). */
    public boolean isSettled() {
        return all().stream().noneMatch(d -> d.state() == ModelDeployment.State.LOADING);
    }

    /**
     * Loads the models: before returning, or in the background with {@link CaracalProperties#loadInBackground()}.
     *
     * @throws IllegalStateException when a model fails to load before the application is ready (saying why)
     */
    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        if (keepAlive != null) {
            keeper = Thread.ofPlatform().name("caracal-keep-alive").daemon(true).start(this::unloadIdleModels);
        }
        if (!loadInBackground) {
            for (ModelDeployment deployment : all()) {
                deployment.load(blockStore);
                if (deployment.state() == ModelDeployment.State.FAILED) {
                    throw new IllegalStateException("model " + deployment.name() + " failed to load: "
                            + deployment.failure());
                }
            }
            return;
        }
        loader = Thread.ofPlatform().name("caracal-model-loader").daemon(true).start(() -> {
            for (ModelDeployment deployment : all()) {
                if (!running) {
                    return;
                }
                deployment.load(blockStore);
            }
        });
    }

    /** Unloads, until stopped, each model that is not pinned and has had no request for the keep-alive time. */
    private void unloadIdleModels() {
        long period = Math.clamp(keepAlive.toMillis() / 4, 50, 5_000);
        while (running) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException interrupted) {
                return;
            }
            for (ModelDeployment deployment : all()) {
                if (running && deployment.idleFor(keepAlive)) {
                    LOG.info("model {} had no request for {}: unloading it (caracal.keep-alive)", deployment.name(),
                            keepAlive);
                    unload(deployment.name());
                }
            }
        }
    }

    /** Drains every model at once (running requests finish, for the shutdown timeout), then closes them. */
    @Override
    public synchronized void stop() {
        running = false;
        Thread idle = keeper;
        if (idle != null) {
            idle.interrupt();
        }
        Thread thread = loader;
        if (thread != null) {
            try {
                thread.join();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        try (ExecutorService drains = Executors.newVirtualThreadPerTaskExecutor()) { // close() waits for them all
            for (ModelDeployment deployment : all()) {
                drains.submit(() -> deployment.drain(shutdownTimeout));
            }
        }
        all().forEach(ModelDeployment::close);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A paused context (Spring's test-context cache) keeps its models: stopping closes them for good. */
    @Override
    public boolean isPauseable() {
        return false;
    }
}
