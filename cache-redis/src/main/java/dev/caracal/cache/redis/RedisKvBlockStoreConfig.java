package dev.caracal.cache.redis;

import java.time.Duration;

/**
 * The settings of a {@link RedisKvBlockStore}, named so that Spring Boot binds them from {@code caracal.cache.redis.*}
 * ({@code budgetBytes} is {@code caracal.cache.redis.budget-bytes}). A field left null or zero takes its default, so a
 * binder that leaves unset properties at null or zero gets the defaults without annotations.
 *
 * @param uri                 the Redis server: {@code redis://[[user]:password@]host[:port][/database]}, or
 *                            {@code rediss://...} for TLS (default {@code redis://127.0.0.1:6379})
 * @param namespace           the first part of every key (default {@code caracal:kv})
 * @param ttl                 how long a block stays after it was last written (default 1 hour)
 * @param budgetBytes         the most bytes of block values one model (fingerprint) may hold; beyond it the blocks
 *                            written longest ago are evicted (default 1 GiB)
 * @param fetchTimeout        the wait a lookup may cost on top of moving its bytes (default 25 ms)
 * @param fetchBandwidth      bytes per second the network is assumed to move at least: a lookup of n blocks waits at
 *                            most {@code fetchTimeout + n * recordBytes / fetchBandwidth} (default 250 MB/s: a
 *                            1,024-token prefix of a 110M model, 38 MB, may take 176 ms; such an MGET measured 50-130
 *                            ms over loopback on a loaded 2-core machine)
 * @param commandTimeout      the longest any other command may take (a batch of writes, an eviction), and the cap on a
 *                            lookup's wait (default 1 s)
 * @param connectTimeout      the longest a (re)connection may take (default 250 ms)
 * @param writeQueueBytes     the most block bytes waiting to be written; a block that does not fit is dropped (default
 *                            64 MiB)
 * @param writeBatchBlocks    the most blocks written in one pipelined batch (default 16)
 * @param circuitFailureRate  the share of failed or timed-out calls, in percent, that opens the circuit (default 50)
 * @param circuitWindow       how many recent calls the failure rate is taken over (default 20)
 * @param circuitMinimumCalls how many calls the window needs before the circuit can open (default 5)
 * @param circuitOpenWait     how long an open circuit answers at once without asking Redis before it lets trial calls
 *                            through (default 1 s)
 * @param circuitTrialCalls   how many trial calls a half-open circuit lets through to decide (default 2)
 */
public record RedisKvBlockStoreConfig(String uri, String namespace, Duration ttl, long budgetBytes,
        Duration fetchTimeout, long fetchBandwidth, Duration commandTimeout, Duration connectTimeout,
        long writeQueueBytes, int writeBatchBlocks, float circuitFailureRate, int circuitWindow,
        int circuitMinimumCalls, Duration circuitOpenWait, int circuitTrialCalls) {

    public static final String DEFAULT_URI = "redis://127.0.0.1:6379";
    public static final String DEFAULT_NAMESPACE = "caracal:kv";

    public RedisKvBlockStoreConfig {
        uri = uri == null || uri.isBlank() ? DEFAULT_URI : uri;
        namespace = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace;
        ttl = orDefault("ttl", ttl, Duration.ofHours(1));
        budgetBytes = orDefault("budget-bytes", budgetBytes, 1L << 30);
        fetchTimeout = orDefault("fetch-timeout", fetchTimeout, Duration.ofMillis(25));
        fetchBandwidth = orDefault("fetch-bandwidth", fetchBandwidth, 250_000_000L);
        commandTimeout = orDefault("command-timeout", commandTimeout, Duration.ofSeconds(1));
        connectTimeout = orDefault("connect-timeout", connectTimeout, Duration.ofMillis(250));
        writeQueueBytes = orDefault("write-queue-bytes", writeQueueBytes, 64L << 20);
        writeBatchBlocks = (int) orDefault("write-batch-blocks", writeBatchBlocks, 16);
        circuitFailureRate = circuitFailureRate == 0 ? 50 : circuitFailureRate;
        if (!(circuitFailureRate > 0 && circuitFailureRate <= 100)) {
            throw new IllegalArgumentException("circuit-failure-rate is a percentage in (0, 100], not "
                    + circuitFailureRate);
        }
        circuitWindow = (int) orDefault("circuit-window", circuitWindow, 20);
        circuitMinimumCalls = (int) orDefault("circuit-minimum-calls", circuitMinimumCalls, 5);
        circuitOpenWait = orDefault("circuit-open-wait", circuitOpenWait, Duration.ofSeconds(1));
        circuitTrialCalls = (int) orDefault("circuit-trial-calls", circuitTrialCalls, 2);
    }

    /** Every setting at its default. */
    public static RedisKvBlockStoreConfig defaults() {
        return new RedisKvBlockStoreConfig(null, null, null, 0, null, 0, null, null, 0, 0, 0, 0, 0, null, 0);
    }

    /** A builder from this configuration, to change some settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder from the defaults. */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /** Sets some fields of a {@link RedisKvBlockStoreConfig}, the others keeping their values. */
    public static final class Builder {
        private String uri;
        private String namespace;
        private Duration ttl;
        private long budgetBytes;
        private Duration fetchTimeout;
        private long fetchBandwidth;
        private Duration commandTimeout;
        private Duration connectTimeout;
        private long writeQueueBytes;
        private int writeBatchBlocks;
        private float circuitFailureRate;
        private int circuitWindow;
        private int circuitMinimumCalls;
        private Duration circuitOpenWait;
        private int circuitTrialCalls;

        private Builder(RedisKvBlockStoreConfig from) {
            uri = from.uri;
            namespace = from.namespace;
            ttl = from.ttl;
            budgetBytes = from.budgetBytes;
            fetchTimeout = from.fetchTimeout;
            fetchBandwidth = from.fetchBandwidth;
            commandTimeout = from.commandTimeout;
            connectTimeout = from.connectTimeout;
            writeQueueBytes = from.writeQueueBytes;
            writeBatchBlocks = from.writeBatchBlocks;
            circuitFailureRate = from.circuitFailureRate;
            circuitWindow = from.circuitWindow;
            circuitMinimumCalls = from.circuitMinimumCalls;
            circuitOpenWait = from.circuitOpenWait;
            circuitTrialCalls = from.circuitTrialCalls;
        }

        public Builder uri(String value) {
            uri = value;
            return this;
        }

        public Builder namespace(String value) {
            namespace = value;
            return this;
        }

        public Builder ttl(Duration value) {
            ttl = value;
            return this;
        }

        public Builder budgetBytes(long value) {
            budgetBytes = value;
            return this;
        }

        public Builder fetchTimeout(Duration value) {
            fetchTimeout = value;
            return this;
        }

        public Builder fetchBandwidth(long value) {
            fetchBandwidth = value;
            return this;
        }

        public Builder commandTimeout(Duration value) {
            commandTimeout = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        public Builder writeQueueBytes(long value) {
            writeQueueBytes = value;
            return this;
        }

        public Builder writeBatchBlocks(int value) {
            writeBatchBlocks = value;
            return this;
        }

        public Builder circuitFailureRate(float value) {
            circuitFailureRate = value;
            return this;
        }

        public Builder circuitWindow(int value) {
            circuitWindow = value;
            return this;
        }

        public Builder circuitMinimumCalls(int value) {
            circuitMinimumCalls = value;
            return this;
        }

        public Builder circuitOpenWait(Duration value) {
            circuitOpenWait = value;
            return this;
        }

        public Builder circuitTrialCalls(int value) {
            circuitTrialCalls = value;
            return this;
        }

        public RedisKvBlockStoreConfig build() {
            return new RedisKvBlockStoreConfig(uri, namespace, ttl, budgetBytes, fetchTimeout, fetchBandwidth,
                    commandTimeout, connectTimeout, writeQueueBytes, writeBatchBlocks, circuitFailureRate,
                    circuitWindow, circuitMinimumCalls, circuitOpenWait, circuitTrialCalls);
        }
    }

    private static Duration orDefault(String property, Duration value, Duration fallback) {
        if (value == null || value.isZero()) {
            return fallback;
        }
        if (value.isNegative()) {
            throw new IllegalArgumentException(property + " must be positive, not " + value);
        }
        return value;
    }

    private static long orDefault(String property, long value, long fallback) {
        if (value < 0) {
            throw new IllegalArgumentException(property + " must be positive, not " + value);
        }
        return value == 0 ? fallback : value;
    }
}
