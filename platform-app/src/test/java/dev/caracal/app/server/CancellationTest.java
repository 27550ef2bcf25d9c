package dev.caracal.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.engine.api.EngineStats;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/** A streaming client that disconnects cancels its request in the engine, which frees its KV blocks at once. */
class CancellationTest extends GatewayTestBase {

    @Autowired
    MeterRegistry meters;

    @Test
    void aClientThatDisconnectsCancelsItsRequestAndFreesItsBlocks() throws InterruptedException {
        EngineStats before = deployment().stats();
        double aborted = abortCount();
        AtomicLong blocksWhileStreaming = new AtomicLong();
        // EOS banned: left alone, the request would run for 1,500 tokens.
        List<String> received = WebClient.create("http://localhost:" + port).post().uri("/v1/completions")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"model": "stories260K", "prompt": "Once upon a time", "max_tokens": 1500, "stream": true,
                         "logit_bias": {"2": -100}}""")
                .retrieve().bodyToFlux(String.class)
                .doOnNext(chunk -> blocksWhileStreaming.set(deployment().stats().kvCache().blocksUsed()))
                .take(5)
                .collectList()
                .block(Duration.ofSeconds(30));
        long disconnected = System.nanoTime();
        assertThat(received).hasSize(5);
        assertThat(blocksWhileStreaming.get()).isGreaterThan(before.kvCache().blocksUsed());

        EngineStats after = deployment().stats();
        while ((after.requests().running() > 0 || after.kvCache().blocksUsed() > before.kvCache().blocksUsed())
                && System.nanoTime() - disconnected < Duration.ofSeconds(5).toNanos()) {
            Thread.sleep(2);
            after = deployment().stats();
        }
        long freedMillis = (System.nanoTime() - disconnected) / 1_000_000;
        assertThat(after.requests().running()).isZero();
        assertThat(after.requests().waiting()).isZero();
        assertThat(after.kvCache().blocksUsed()).as("KV blocks in use %d ms after the disconnect", freedMillis)
                .isEqualTo(before.kvCache().blocksUsed());
        while (abortCount() == aborted && System.nanoTime() - disconnected < Duration.ofSeconds(5).toNanos()) {
            Thread.sleep(2);
        }
        assertThat(abortCount()).isEqualTo(aborted + 1);
        double counted = meters.get("caracal.generation.tokens").tag("model_name", MODEL).functionCounter().count();
        assertThat(counted).as("generated tokens on Prometheus count the aborted request's, as the engine does")
                .isEqualTo(deployment().stats().work().generatedTokens())
                .isGreaterThanOrEqualTo(before.work().generatedTokens() + 5); // five chunks read: at least five tokens
    }

    private double abortCount() {
        var counter = meters.find("caracal.request.success").tag("model_name", MODEL)
                .tag("finished_reason", "abort").counter();
        return counter == null ? 0 : counter.count();
    }
}
