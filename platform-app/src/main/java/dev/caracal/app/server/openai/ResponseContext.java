package dev.caracal.app.server.openai;

import dev.caracal.app.server.openai.ChoiceRunner.UsageCollector;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * What every chunk of one response shares: its id, creation time and model, the log-probability mapper when the
 * request asked for log-probabilities (null otherwise), and the usage gathered from its choices.
 */
record ResponseContext(String id, long created, String model, LogprobMapper logprobs, UsageCollector usage) {

    static ResponseContext of(GenerationPlan plan, String idPrefix) {
        LogprobMapper logprobs = plan.sampling().logprobs()
                ? new LogprobMapper(plan.deployment().prompts(), plan.topLogprobs()) : null;
        return new ResponseContext(OpenAiIds.next(idPrefix), OpenAiIds.created(), plan.deployment().alias(),
                logprobs, new UsageCollector(plan));
    }

    /** A 200 response with {@code body} as JSON. */
    static Mono<ServerResponse> json(Object body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(OpenAiJson.bytes(body));
    }
}
