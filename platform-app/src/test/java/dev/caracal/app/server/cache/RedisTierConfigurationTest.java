package dev.caracal.app.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.api.kv.KvBlockStore;
import dev.caracal.cache.redis.RedisKvBlockStore;
import dev.caracal.cache.redis.RedisKvBlockStoreConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code caracal.cache.redis.*}: no store unless enabled; when enabled one store with the bound settings (the others at
 * their defaults) and its meters on the application's registry. The store connects in the background, so no Redis is
 * needed here.
 */
class RedisTierConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(RedisTierConfiguration.class)
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void noStoreUnlessEnabled() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(KvBlockStore.class));
        runner.withPropertyValues("caracal.cache.redis.enabled=false", "caracal.cache.redis.uri=redis://x:1")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(KvBlockStore.class));
    }

    @Test
    void enabledMakesOneStoreWithTheBoundSettingsAndItsMeters() {
        runner.withPropertyValues("caracal.cache.redis.enabled=true", "caracal.cache.redis.uri=redis://127.0.0.1:1",
                "caracal.cache.redis.namespace=test:kv", "caracal.cache.redis.ttl=10m",
                "caracal.cache.redis.budget-bytes=1048576", "caracal.cache.redis.fetch-timeout=40ms",
                "caracal.cache.redis.circuit-failure-rate=25").run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(KvBlockStore.class);
                    RedisKvBlockStoreConfig config = context.getBean(RedisKvBlockStore.class).config();
                    RedisKvBlockStoreConfig expected = RedisKvBlockStoreConfig.builder().uri("redis://127.0.0.1:1")
                            .namespace("test:kv").ttl(Duration.ofMinutes(10)).budgetBytes(1 << 20)
                            .fetchTimeout(Duration.ofMillis(40)).circuitFailureRate(25).build();
                    assertThat(config).isEqualTo(expected);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.find("caracal.kv.store.hits").counter()).isNotNull();
                    assertThat(registry.find("caracal.kv.store.circuit.state").tag("state", "closed").gauge())
                            .isNotNull();
                });
        runner.withPropertyValues("caracal.cache.redis.enabled=true").run(context -> assertThat(
                context.getBean(RedisKvBlockStore.class).config()).isEqualTo(RedisKvBlockStoreConfig.defaults()));
    }

    @Test
    void theLogNamesNoCredentials() {
        assertThat(RedisTierConfiguration.withoutCredentials("rediss://user:secret@cache:6380/2"))
                .isEqualTo("rediss://cache:6380/2");
        assertThat(RedisTierConfiguration.withoutCredentials("redis://127.0.0.1:6379"))
                .isEqualTo("redis://127.0.0.1:6379");
    }
}
