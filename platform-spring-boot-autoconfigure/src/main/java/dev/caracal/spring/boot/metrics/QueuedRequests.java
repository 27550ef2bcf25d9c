package dev.caracal.spring.boot.metrics;

import dev.caracal.spring.boot.engine.ModelDeployment;

/**
 * The requests a deployment holds in front of its engine, not let in yet (the gateway's admission queue): they count as
 * waiting in {@link ModelServerLoad}, since the engine itself then queues nothing.
 */
@FunctionalInterface
public interface QueuedRequests {

    /** None: an application that hands every request to the engine at once. */
    QueuedRequests NONE = deployment -> 0;

    /** The requests waiting in front of {@code deployment}'s engine now. */
    int queued(ModelDeployment deployment);
}
