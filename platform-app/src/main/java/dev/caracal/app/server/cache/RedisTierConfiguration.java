package dev.caracal.app.server.cache;

import dev.caracal.cache.redis.RedisKvBlockStore;
import dev.caracal.cache.redis.RedisKvBlockStoreConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The Redis tier of the prefix cache in the gateway: with {@code caracal.cache.redis.enabled=true}, one
 * {@link RedisKvBlockStore} that every model deployment's engine shares (each model keeps its own keys, by its
 * fingerprint), its meters ({@code caracal_kv_store_*}) on the application's registry. The other
 * {@code caracal.cache.redis.*} properties ({@code uri}, {@code namespace}, {@code ttl}, {@code budget-bytes},
 * {@code fetch-timeout}, ...) are the fields of {@link RedisKvBlockStoreConfig}; those not given take its defaults.
 * The store connects in the background: a Redis that is down at start only means computing until it is up.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(RedisTierConfiguration.PREFIX + ".enabled")
public class RedisTierConfiguration {

    /** The prefix of the tier's properties. */
    public static final String PREFIX = "caracal.cache.redis";

    private static final Logger LOG = LoggerFactory.getLogger(RedisTierConfiguration.class);

    /** {@code caracal.cache.redis.*} bound onto the store's settings. */
    @Bean
    RedisKvBlockStoreConfig redisKvBlockStoreConfig(Environment environment) {
        return Binder.get(environment).bindOrCreate(PREFIX, RedisKvBlockStoreConfig.class);
    }

    @Bean(destroyMethod = "close")
    RedisKvBlockStore redisKvBlockStore(RedisKvBlockStoreConfig config, ObjectProvider<MeterRegistry> registry) {
        RedisKvBlockStore store = new RedisKvBlockStore(config, registry.getIfAvailable(SimpleMeterRegistry::new));
        LOG.info("Redis tier of the prefix cache enabled: {} (keys {}:*, ttl {}, {} bytes a model at most)",
                withoutCredentials(config.uri()), config.namespace(), config.ttl(), config.budgetBytes());
        return store;
    }

    /** The URI for the log: no user or password. */
    static String withoutCredentials(String uri) {
        int at = uri.lastIndexOf('@');
        int scheme = uri.indexOf("://");
        return at < 0 || scheme < 0 ? uri : uri.substring(0, scheme + 3) + uri.substring(at + 1);
    }
}
