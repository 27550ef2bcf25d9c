package dev.caracal.app.server.router;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The workers a router sends requests to: those configured ({@code caracal.router.workers}, a host name with several
 * addresses standing for one worker per address) and those added at run time ({@code POST /admin/workers}), each
 * polled every {@code caracal.router.poll-interval}. Names are resolved again at every poll, so the workers behind a
 * Kubernetes headless Service come and go with its pods.
 */
final class WorkerDirectory implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerDirectory.class);

    private final RouterProperties properties;
    private final WorkerClient client;
    private final Set<URI> configured = ConcurrentHashMap.newKeySet();
    private final Set<URI> added = ConcurrentHashMap.newKeySet();
    private volatile Map<URI, Worker> workers = Map.of();
    private volatile Disposable polling;

    WorkerDirectory(RouterProperties properties, WorkerClient client) {
        this.properties = properties;
        this.client = client;
        for (String url : properties.workers()) {
            configured.add(parse(url));
        }
    }

    /** A worker's base URL, checked: http or https, a host, nothing after the port. */
    static URI parse(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException("not a worker URL: '" + url + "' (" + malformed.getMessage() + ")");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("not a worker URL: '" + url + "': give http://HOST:PORT");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !"/".equals(uri.getRawPath())
                || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("a worker URL is its base only (http://HOST:PORT), not '" + url + "'");
        }
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    /** The workers now, in the order they were found. */
    List<Worker> all() {
        return List.copyOf(workers.values());
    }

    /** Adds a worker (a host name with several addresses adds one per address) and polls it at once. */
    Mono<List<Worker>> add(String url) {
        URI base = parse(url);
        added.add(base);
        refresh();
        Set<URI> addresses = Set.copyOf(expand(base));
        List<Worker> joined = all().stream().filter(worker -> addresses.contains(worker.base())).toList();
        return Flux.fromIterable(joined).flatMap(this::poll).then(Mono.just(joined));
    }

    /** Removes a worker added or configured with this URL; whether there was one. */
    boolean remove(String url) {
        URI base = parse(url);
        boolean removed = added.remove(base) | configured.remove(base);
        refresh();
        return removed;
    }

    /** Resolves the configured and added names again: new addresses become workers, vanished ones are dropped. */
    synchronized void refresh() {
        Set<URI> wanted = new LinkedHashSet<>();
        for (URI base : configured) {
            wanted.addAll(expand(base));
        }
        for (URI base : added) {
            wanted.addAll(expand(base));
        }
        Map<URI, Worker> current = workers;
        Map<URI, Worker> next = new LinkedHashMap<>();
        for (URI base : wanted) {
            Worker existing = current.get(base);
            if (existing == null) {
                LOG.info("worker {} joined", base);
            }
            next.put(base, existing != null ? existing : new Worker(base));
        }
        for (URI base : current.keySet()) {
            if (!next.containsKey(base)) {
                LOG.info("worker {} left", base);
            }
        }
        workers = Collections.unmodifiableMap(next);
    }

    /**
     * The workers a base URL stands for: itself when its host is an address or resolves to one address (or none, for
     * now), else one per address.
     */
    private static List<URI> expand(URI base) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(base.getHost());
        } catch (UnknownHostException unknown) {
            return List.of(base);
        }
        if (addresses.length <= 1) {
            return List.of(base);
        }
        List<URI> expanded = new ArrayList<>();
        for (InetAddress address : addresses) {
            String host = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]"
                    : address.getHostAddress();
            String port = base.getPort() < 0 ? "" : ":" + base.getPort();
            expanded.add(URI.create(base.getScheme() + "://" + host + port));
        }
        return expanded;
    }

    private Mono<Void> poll(Worker worker) {
        return client.state(worker).doOnNext(state -> {
            boolean was = worker.state().reachable();
            worker.update(state);
            if (was && !state.reachable()) {
                LOG.warn("worker {} is unreachable: {}", worker.base(), state.problem());
            } else if (!was && state.reachable()) {
                LOG.info("worker {} is reachable, models {}", worker.base(), state.models().keySet());
            }
        }).then();
    }

    /** Polls every worker once (resolving names first); completes when every poll has. */
    Mono<Void> pollAll() {
        return Mono.fromRunnable(this::refresh).subscribeOn(Schedulers.boundedElastic())
                .thenMany(Flux.defer(() -> Flux.fromIterable(all()))).flatMap(this::poll).then();
    }

    @Override
    public void start() {
        polling = Flux.interval(Duration.ZERO, properties.pollInterval())
                .onBackpressureDrop()
                .concatMap(tick -> pollAll().onErrorResume(failure -> {
                    LOG.warn("polling the workers failed: {}", WorkerClient.describe(failure));
                    return Mono.empty();
                }), 0)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = polling;
        if (running != null) {
            running.dispose();
        }
        polling = null;
    }

    @Override
    public boolean isRunning() {
        return polling != null;
    }
}
