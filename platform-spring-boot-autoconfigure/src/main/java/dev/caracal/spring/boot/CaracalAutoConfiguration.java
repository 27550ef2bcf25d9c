package dev.caracal.spring.boot;

import dev.caracal.api.kv.KvBlockStore;
import dev.caracal.engine.api.EngineClient;
import dev.caracal.spring.boot.chat.LocalChat;
import dev.caracal.spring.boot.engine.DeploymentRegistry;
import dev.caracal.spring.boot.engine.DefaultModel;
import dev.caracal.spring.boot.metrics.GenerationObserver;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Stands Caracal's engines up from {@code caracal.*}: the models ({@link DeploymentRegistry}, loaded when the
 * application starts and drained when it stops), the default model as an {@link EngineClient}, and {@link LocalChat},
 * on which the LangChain4j and Spring AI chat models run. Off with {@code caracal.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "caracal", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(CaracalProperties.class)
public class CaracalAutoConfiguration {

    /** How long an in-process chat waits for a model that is still loading in the background. */
    static final Duration LOAD_WAIT = Duration.ofMinutes(10);

    /** The models, by alias; a second tier of the prefix cache (a {@link KvBlockStore} bean) when there is one. */
    @Bean
    @ConditionalOnMissingBean
    public DeploymentRegistry caracalDeployments(CaracalProperties properties,
            ObjectProvider<KvBlockStore> blockStore) {
        DeploymentRegistry registry = new DeploymentRegistry(properties);
        blockStore.ifAvailable(registry::useBlockStore);
        return registry;
    }

    /**
     * The default model ({@code caracal.chat.model}, or the first) through the engine API: generate from token ids,
     * cancel, statistics; {@link DefaultModel#deployment()} gives its state, tokenizer and chat template.
     */
    @Bean
    @ConditionalOnMissingBean(EngineClient.class)
    public DefaultModel caracalModel(DeploymentRegistry deployments, CaracalProperties properties) {
        return new DefaultModel(deployments, properties.chat().model());
    }

    /** Chats in process on the models, measured by the application's metrics when it has a MeterRegistry. */
    @Bean
    @ConditionalOnMissingBean
    public LocalChat caracalLocalChat(DeploymentRegistry deployments, CaracalProperties properties,
            ObjectProvider<GenerationObserver> observer) {
        return new LocalChat(deployments, observer.getIfAvailable(() -> GenerationObserver.NONE), properties.chat(),
                LOAD_WAIT);
    }
}
