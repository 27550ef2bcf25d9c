package dev.caracal.app.server.admin;

import dev.caracal.app.hub.HubClient;
import dev.caracal.app.hub.HubSettings;
import dev.caracal.app.hub.PulledFile;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The pulls the admin API started: each downloads one file of a hub repository into the hub cache on a thread of its
 * own ({@link HubClient}), and its progress is kept and published for the admin UI's event stream. The hub and its
 * cache come from {@code caracal.hub.endpoint}, {@code caracal.hub.cache} and {@code caracal.hub.token}, else from
 * the environment as huggingface_hub reads it ({@code HF_ENDPOINT}, {@code HF_HUB_CACHE}, {@code HF_TOKEN}).
 */
@Component
class ModelPulls implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ModelPulls.class);

    /** One pull as the admin API shows it. */
    record PullView(String id, String repository, String file, String revision, String state, long bytesDone,
            long bytesTotal, double bytesPerSecond, String path, String error) {
    }

    private final HubClient hub;
    private final Map<String, PullView> pulls = new ConcurrentHashMap<>();
    private final Map<String, Thread> threads = new ConcurrentHashMap<>();
    private final Sinks.Many<PullView> progress = Sinks.many().multicast().directBestEffort();
    private final AtomicLong ids = new AtomicLong();

    ModelPulls(Environment environment) {
        HubSettings settings = HubSettings.fromEnvironment();
        String endpoint = environment.getProperty("caracal.hub.endpoint");
        String cache = environment.getProperty("caracal.hub.cache");
        String token = environment.getProperty("caracal.hub.token");
        if (endpoint != null && !endpoint.isBlank()) {
            settings = settings.withEndpoint(URI.create(endpoint));
        }
        if (cache != null && !cache.isBlank()) {
            settings = settings.withCacheDirectory(Path.of(cache));
        }
        if (token != null && !token.isBlank()) {
            settings = settings.withToken(token);
        }
        hub = new HubClient(settings);
    }

    /** The hub client (its cache lists and deletes pulled models). */
    HubClient hub() {
        return hub;
    }

    /**
     * Starts pulling {@code file} of {@code repository} at {@code revision}.
     *
     * @throws IllegalArgumentException when a name could not be a hub name (or would leave the cache)
     */
    PullView start(String repository, String file, String revision) {
        HubClient.checkNames(repository, file, revision);
        String id = "pull-" + ids.incrementAndGet();
        PullView started = new PullView(id, repository, file, revision, "running", 0, -1, 0, null, null);
        pulls.put(id, started);
        progress.tryEmitNext(started);
        threads.put(id, Thread.ofPlatform().name("caracal-" + id).daemon(true).start(() -> {
            try {
                PulledFile pulled = hub.pull(repository, file, revision, step -> publish(new PullView(id,
                        repository, file, revision, "running", step.bytesDone(), step.totalBytes(),
                        step.bytesPerSecond(), null, null)));
                publish(new PullView(id, repository, file, revision, "done", pulled.sizeBytes(),
                        pulled.sizeBytes(), 0, pulled.path().toString(), null));
                LOG.info("pulled {} {} ({}) into {}", repository, file, revision, pulled.path());
            } catch (Exception | LinkageError failure) {
                PullView last = pulls.get(id);
                publish(new PullView(id, repository, file, revision, "failed", last.bytesDone(),
                        last.bytesTotal(), 0, null, failure.getMessage()));
                LOG.warn("pulling {} {} failed: {}", repository, file, failure.getMessage());
            } finally {
                threads.remove(id);
            }
        }));
        return started;
    }

    private void publish(PullView now) {
        pulls.put(now.id(), now);
        progress.tryEmitNext(now);
    }

    /** Every pull since the server started, oldest first. */
    List<PullView> all() {
        List<PullView> all = new ArrayList<>(pulls.values());
        all.sort(java.util.Comparator.comparingLong(pull -> Long.parseLong(pull.id().substring("pull-".length()))));
        return all;
    }

    /** The pulls' progress as it happens (nothing is replayed). */
    Flux<PullView> progress() {
        return progress.asFlux();
    }

    @Override
    public void destroy() {
        threads.values().forEach(Thread::interrupt); // a partial download stays, and the next pull resumes it
        hub.close();
    }
}
