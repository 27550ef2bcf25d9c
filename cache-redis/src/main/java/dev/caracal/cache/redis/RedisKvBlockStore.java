package dev.caracal.cache.redis;

import dev.caracal.api.kv.KvBlockNamespace;
import dev.caracal.api.kv.KvBlockStore;
import dev.caracal.cache.redis.KvBlockFormat.RejectedBlockException;
import dev.caracal.cache.redis.KvBlockStoreMetrics.Drop;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.DefaultClientResources;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.zset.Tuple;
import org.springframework.data.redis.core.types.Expiration;

/**
 * The Redis tier of the prefix cache: a {@link KvBlockStore} on Spring Data Redis with Lettuce, keyed as
 * {@link KvBlockKeys} says, each value a {@link KvBlockFormat} record.
 *
 * <p>A lookup is one {@code MGET} on the shared connection, bounded by {@code fetchTimeout} plus the time its bytes
 * take at {@code fetchBandwidth}. Writes go through a queue bounded in bytes to one writer thread, which writes them in
 * pipelined batches on a connection of its own ({@code SET ... PX ttl}, and the model's index: a sorted set of block
 * hashes by write time), then trims each model's index to its TTL and evicts the blocks written longest ago beyond its
 * size budget. Every call to Redis goes through one circuit breaker: after repeated failures or time-outs it opens, and
 * lookups answer empty and writes are dropped at once, until after {@code circuitOpenWait} a few trial calls find Redis
 * answering again (Lettuce reconnects by itself meanwhile). No method of this class throws because of Redis.
 */
public final class RedisKvBlockStore implements KvBlockStore {

    private static final Logger LOG = LoggerFactory.getLogger(RedisKvBlockStore.class);
    private static final Duration WRITER_IDLE_POLL = Duration.ofMillis(200);

    private final RedisKvBlockStoreConfig config;
    private final KvBlockKeys keys;
    /** The server's address without credentials, for the log. */
    private final String address;
    private final ClientResources clientResources;
    private final LettuceConnectionFactory factory;
    private final CircuitBreaker breaker;
    private final KvBlockStoreMetrics metrics;
    private final LinkedBlockingQueue<PendingWrite> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong handedOver = new AtomicLong();
    private final Object settledMonitor = new Object();
    private long settled;
    private final Thread writer;
    private RedisConnection writerConnection;
    private volatile boolean closed;

    /** A block handed over for writing, its bytes copied. */
    private record PendingWrite(KvBlockNamespace namespace, byte[] blockHash, byte[] blockBytes) {
    }

    /** A store with its meters in a registry of its own (read them through {@link #stats()}). */
    public RedisKvBlockStore(RedisKvBlockStoreConfig config) {
        this(config, new SimpleMeterRegistry());
    }

    /** A store that publishes its meters to {@code registry} (and removes them when closed). */
    public RedisKvBlockStore(RedisKvBlockStoreConfig config, MeterRegistry registry) {
        this.config = config;
        this.keys = new KvBlockKeys(config.namespace());
        RedisURI uri = RedisURI.create(config.uri());
        address = (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort();
        clientResources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), config.circuitOpenWait(), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        ClientOptions options = ClientOptions.builder().autoReconnect(true)
                // While disconnected, commands fail at once instead of waiting in a queue for the reconnection.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(config.connectTimeout()).build())
                .timeoutOptions(TimeoutOptions.enabled(config.commandTimeout())).build();
        LettuceClientConfiguration client = LettuceClientConfiguration.builder().apply(uri)
                .clientResources(clientResources).clientOptions(options).commandTimeout(config.commandTimeout())
                .shutdownQuietPeriod(Duration.ZERO).shutdownTimeout(Duration.ofMillis(500)).build();
        factory = new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(uri), client);
        factory.afterPropertiesSet();
        factory.start();
        breaker = CircuitBreaker.of("caracal-kv-store", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(config.circuitWindow()).minimumNumberOfCalls(config.circuitMinimumCalls())
                .failureRateThreshold(config.circuitFailureRate()).waitDurationInOpenState(config.circuitOpenWait())
                .permittedNumberOfCallsInHalfOpenState(config.circuitTrialCalls()).build());
        breaker.getEventPublisher().onStateTransition(event -> logTransition(event.getStateTransition()));
        metrics = new KvBlockStoreMetrics(registry, breaker, queuedBytes);
        writer = Thread.ofPlatform().daemon().name("caracal-kv-store-writer").start(this::writeLoop);
    }

    /** The configuration this store was opened with. */
    public RedisKvBlockStoreConfig config() {
        return config;
    }

    /** The store's counters now. */
    public KvBlockStoreStats stats() {
        return metrics.stats(breaker.getState().name(), queuedBytes.get());
    }

    /** The circuit breaker's state: CLOSED, OPEN or HALF_OPEN. */
    public CircuitBreaker.State circuitState() {
        return breaker.getState();
    }

    @Override
    public List<byte[]> fetchPrefix(KvBlockNamespace namespace, List<byte[]> blockHashes) {
        int requested = blockHashes.size();
        if (requested == 0 || closed) {
            return List.of();
        }
        if (!breaker.tryAcquirePermission()) {
            metrics.skipped(requested);
            return List.of();
        }
        byte[][] blockKeys = new byte[requested][];
        for (int i = 0; i < requested; i++) {
            blockKeys[i] = keys.blockKey(namespace, blockHashes.get(i));
        }
        long start = System.nanoTime();
        List<KeyValue<byte[], byte[]>> values;
        try {
            values = mget(blockKeys, lookupDeadlineNanos(namespace, requested));
        } catch (InterruptedException interrupted) {
            // Not Redis's doing: the breaker does not count it.
            breaker.releasePermission();
            metrics.failed(System.nanoTime() - start, requested);
            Thread.currentThread().interrupt();
            return List.of();
        } catch (Exception failure) {
            long elapsed = System.nanoTime() - start;
            breaker.onError(elapsed, TimeUnit.NANOSECONDS, failure);
            metrics.failed(elapsed, requested);
            LOG.debug("KV block lookup failed after {} µs: {}", elapsed / 1000, failure.toString());
            return List.of();
        }
        long elapsed = System.nanoTime() - start;
        breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
        List<byte[]> blocks = new ArrayList<>();
        long bytes = 0;
        boolean intact = true;
        for (int i = 0; i < requested; i++) {
            KeyValue<byte[], byte[]> value = values.get(i);
            if (!value.hasValue()) {
                intact = false;
                continue;
            }
            bytes += value.getValue().length;
            if (intact) {
                try {
                    blocks.add(KvBlockFormat.decode(namespace, blockHashes.get(i), value.getValue()));
                } catch (RejectedBlockException rejected) {
                    intact = false;
                    metrics.rejected(rejected.rejection());
                    LOG.warn("Ignored the KV block stored at {}: {}",
                            new String(blockKeys[i], StandardCharsets.US_ASCII), rejected.getMessage());
                }
            }
        }
        metrics.answered(elapsed, blocks.size(), requested - blocks.size(), bytes);
        return blocks;
    }

    /** The longest a lookup of {@code blocks} blocks may wait: the fetch timeout plus their transfer time. */
    private long lookupDeadlineNanos(KvBlockNamespace namespace, int blocks) {
        double transferSeconds = (double) blocks * KvBlockFormat.recordBytes(namespace.spec())
                / config.fetchBandwidth();
        long nanos = config.fetchTimeout().toNanos() + (long) (transferSeconds * 1e9);
        return Math.min(nanos, config.commandTimeout().toNanos());
    }

    private List<KeyValue<byte[], byte[]>> mget(byte[][] blockKeys, long deadlineNanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (RedisConnection connection = factory.getConnection()) {
            RedisFuture<List<KeyValue<byte[], byte[]>>> reply =
                    ((LettuceConnection) connection).getNativeConnection().mget(blockKeys);
            try {
                return reply.get(deadlineNanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | InterruptedException notInTime) {
                reply.cancel(true);
                throw notInTime;
            }
        }
    }

    @Override
    public void storeLater(KvBlockNamespace namespace, byte[] blockHash, byte[] blockBytes) {
        long size = blockBytes.length;
        if (size != namespace.spec().bytesPerBlock()) {
            throw new IllegalArgumentException("a block of " + namespace.spec() + " has "
                    + namespace.spec().bytesPerBlock() + " bytes, not " + size);
        }
        if (closed) {
            metrics.dropped(Drop.CLOSED, 1);
            return;
        }
        if (breaker.getState() == CircuitBreaker.State.OPEN) {
            // Past the open wait this moves the breaker to half-open; the writer's next batch is then a trial call.
            if (!breaker.tryAcquirePermission()) {
                metrics.dropped(Drop.CIRCUIT_OPEN, 1);
                return;
            }
            breaker.releasePermission();
        }
        long queued;
        do {
            queued = queuedBytes.get();
            if (queued + size > config.writeQueueBytes()) {
                metrics.dropped(Drop.QUEUE_FULL, 1);
                return;
            }
        } while (!queuedBytes.compareAndSet(queued, queued + size));
        handedOver.incrementAndGet();
        queue.add(new PendingWrite(namespace, blockHash.clone(), blockBytes.clone()));
    }

    /**
     * Waits until every block handed over before this call has been written or dropped, at most {@code timeout}.
     *
     * @return whether they all were
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        long target = handedOver.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (settledMonitor) {
            while (settled < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(settledMonitor, left);
            }
        }
        return true;
    }

    private void settle(int blocks) {
        synchronized (settledMonitor) {
            settled += blocks;
            settledMonitor.notifyAll();
        }
    }

    private void writeLoop() {
        warmUp();
        List<PendingWrite> batch = new ArrayList<>();
        while (!closed) {
            try {
                PendingWrite first = queue.poll(WRITER_IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, config.writeBatchBlocks() - 1);
                writeGuarded(batch);
            } catch (InterruptedException interrupted) {
                if (closed) {
                    break;
                }
            } finally {
                long bytes = batch.stream().mapToLong(write -> write.blockBytes().length).sum();
                queuedBytes.addAndGet(-bytes);
                settle(batch.size());
                batch.clear();
            }
        }
        closeWriterConnection();
    }

    /** Connects once off the engine's threads, so that the first lookup does not pay for the connection. */
    private void warmUp() {
        try (RedisConnection connection = factory.getConnection()) {
            connection.ping();
        } catch (RuntimeException unavailable) {
            LOG.warn("Redis KV block store: {} does not answer yet ({}); lookups find nothing until it does",
                    address, unavailable.getMessage());
        }
    }

    private void writeGuarded(List<PendingWrite> batch) {
        if (!breaker.tryAcquirePermission()) {
            metrics.dropped(Drop.CIRCUIT_OPEN, batch.size());
            return;
        }
        long start = System.nanoTime();
        try {
            writeBatch(batch);
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        } catch (RuntimeException failure) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
            metrics.writeFailed();
            metrics.dropped(closed ? Drop.CLOSED : Drop.FAILED, batch.size());
            closeWriterConnection();
            LOG.debug("KV block write of {} blocks failed: {}", batch.size(), failure.toString());
        }
    }

    /**
     * One pipelined round trip: each block's value with its TTL and its hash in the model's index; then per model the
     * index's own TTL, the index trimmed of hashes older than the TTL, and its size. Models over their budget then
     * lose the blocks written longest ago.
     */
    private void writeBatch(List<PendingWrite> batch) {
        RedisConnection connection = writerConnection();
        long now = System.currentTimeMillis();
        long ttlMillis = config.ttl().toMillis();
        Map<KvBlockNamespace, byte[]> indexes = new LinkedHashMap<>();
        long bytes = 0;
        connection.openPipeline();
        for (PendingWrite write : batch) {
            byte[] record = KvBlockFormat.encode(write.namespace(), write.blockHash(), write.blockBytes());
            bytes += record.length;
            connection.stringCommands().set(keys.blockKey(write.namespace(), write.blockHash()), record,
                    Expiration.milliseconds(ttlMillis), SetOption.upsert());
            byte[] index = indexes.computeIfAbsent(write.namespace(), keys::indexKey);
            connection.zSetCommands().zAdd(index, now, KvBlockKeys.indexMember(write.blockHash()));
        }
        for (byte[] index : indexes.values()) {
            connection.keyCommands().pExpire(index, ttlMillis);
            connection.zSetCommands().zRemRangeByScore(index, 0, now - ttlMillis);
            connection.zSetCommands().zCard(index);
        }
        List<Object> replies = connection.closePipeline();
        long evicted = 0;
        int reply = 2 * batch.size() + 2;
        for (Map.Entry<KvBlockNamespace, byte[]> model : indexes.entrySet()) {
            long blocks = (Long) replies.get(reply);
            reply += 3;
            long budgetBlocks = Math.max(1, config.budgetBytes() / KvBlockFormat.recordBytes(model.getKey().spec()));
            if (blocks > budgetBlocks) {
                evicted += evict(connection, model.getKey(), model.getValue(), blocks - budgetBlocks);
            }
        }
        metrics.written(batch.size(), bytes, evicted);
    }

    /** Removes the {@code count} blocks of a model written longest ago (two round trips: pop them, unlink them). */
    private int evict(RedisConnection connection, KvBlockNamespace model, byte[] index, long count) {
        Set<Tuple> oldest = connection.zSetCommands().zPopMin(index, count);
        if (oldest == null || oldest.isEmpty()) {
            return 0;
        }
        String prefix = keys.modelPrefix(model);
        byte[][] victims = oldest.stream()
                .map(member -> KvBlockKeys.blockKey(prefix, new String(member.getValue(), StandardCharsets.US_ASCII)))
                .toArray(byte[][]::new);
        connection.keyCommands().unlink(victims);
        return victims.length;
    }

    private RedisConnection writerConnection() {
        if (writerConnection == null) {
            writerConnection = factory.getConnection();
        }
        return writerConnection;
    }

    private void closeWriterConnection() {
        if (writerConnection != null) {
            try {
                writerConnection.close();
            } catch (RuntimeException ignored) {
                // Closing a broken connection may fail; it is gone either way.
            }
            writerConnection = null;
        }
    }

    /** Says when the tier stops asking Redis and when it resumes; the trials in between only at debug level. */
    private void logTransition(CircuitBreaker.StateTransition transition) {
        if (transition == CircuitBreaker.StateTransition.CLOSED_TO_OPEN) {
            LOG.warn("Redis KV block store at {} fails or times out: circuit open, lookups find nothing and writes are"
                    + " dropped until it answers again", address);
        } else if (transition.getToState() == CircuitBreaker.State.CLOSED) {
            LOG.info("Redis KV block store at {} answers again: circuit closed", address);
        } else {
            LOG.debug("Redis KV block store at {}: circuit {}", address, transition);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writer.interrupt();
        try {
            writer.join(config.commandTimeout().toMillis() + 1000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        List<PendingWrite> left = new ArrayList<>();
        queue.drainTo(left);
        metrics.dropped(Drop.CLOSED, left.size());
        queuedBytes.set(0);
        settle(left.size());
        factory.destroy();
        try {
            clientResources.shutdown(0, 1, TimeUnit.SECONDS).get(2, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException slow) {
            LOG.debug("Lettuce's threads did not stop in time: {}", slow.toString());
        }
        metrics.remove();
    }
}
