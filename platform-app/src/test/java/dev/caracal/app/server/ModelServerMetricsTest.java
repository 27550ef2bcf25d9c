package dev.caracal.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.formats.testing.SharedData;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

/**
 * The model-server protocol's metrics as an endpoint picker scrapes them from {@code /actuator/prometheus} with
 * {@code caracal.metrics.vllm-names=true}: the exact bytes of vLLM's names next to Caracal's, with the same values, which
 * move with the load (one request running on the {@code slow} backend, one waiting for admission).
 */
@SpringBootTest(classes = CaracalServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "caracal.metrics.vllm-names=true")
class ModelServerMetricsTest extends GatewayFixture {

    private static final String LONG_STREAM = """
            {"model": "stories", "prompt": "Once upon a time", "max_tokens": 400, "stream": true,
             "logit_bias": {"2": -100}}""";

    @DynamicPropertySource
    static void configuration(DynamicPropertyRegistry properties) {
        properties.add("caracal.models[0].path", () -> SharedData.require("models/stories260K.gguf").toString());
        properties.add("caracal.models[0].alias", () -> "stories");
        properties.add("caracal.models[0].backend", () -> "slow");
        properties.add("caracal.models[0].max-sequences", () -> "1");
        properties.add("caracal.models[0].kv-memory", () -> "16MB");
    }

    @Test
    void vllmNamesAreOnTheWireExactlyAndFollowTheLoad() throws InterruptedException {
        int blocks = registry.find("stories").orElseThrow().stats().kvCache().blocksTotal();
        String idle = scrape();
        assertThat(idle).contains(
                "# TYPE vllm:num_requests_waiting gauge\n",
                "\nvllm:num_requests_waiting{model_name=\"stories\"} 0.0\n",
                "# TYPE vllm:num_requests_running gauge\n",
                "\nvllm:num_requests_running{model_name=\"stories\"} 0.0\n",
                "# TYPE vllm:kv_cache_usage_perc gauge\n",
                "\nvllm:kv_cache_usage_perc{model_name=\"stories\"} 0.0\n",
                "\nvllm:cache_config_info{block_size=\"16\",model_name=\"stories\",num_gpu_blocks=\"" + blocks
                        + "\"} 1\n",
                "\ncaracal_cache_config_info{block_size=\"16\",model_name=\"stories\",num_blocks=\"" + blocks
                        + "\"} 1\n");

        Disposable running = stream();
        await(Duration.ofSeconds(20), () -> value(scrape(), "vllm:num_requests_running") == 1);
        Disposable waiting = stream();
        try {
            await(Duration.ofSeconds(20), () -> value(scrape(), "vllm:num_requests_waiting") == 1);
            String busy = scrape();
            assertThat(value(busy, "vllm:num_requests_running")).isEqualTo(1);
            assertThat(value(busy, "vllm:kv_cache_usage_perc")).isGreaterThan(0).isLessThanOrEqualTo(1);
            for (String name : new String[] {"num_requests_waiting", "num_requests_running", "kv_cache_usage_perc"}) {
                assertThat(value(busy, "vllm:" + name)).as(name).isEqualTo(value(busy, "caracal_" + name));
            }
        } finally {
            running.dispose();
            waiting.dispose();
        }
        await(Duration.ofSeconds(20), () -> value(scrape(), "vllm:num_requests_running") == 0
                && value(scrape(), "vllm:num_requests_waiting") == 0);
    }

    private String scrape() {
        return client().get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
    }

    /** The value of the metric {@code name} of the model {@code stories} in a scrape. */
    private static double value(String scrape, String name) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{model_name=\"stories\"} (\\S+)$")
                .matcher(scrape);
        assertThat(line.find()).as(name + " in the scrape").isTrue();
        return Double.parseDouble(line.group(1));
    }

    private Disposable stream() {
        return WebClient.builder().baseUrl("http://localhost:" + port).build().post().uri("/v1/completions")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(LONG_STREAM).retrieve().bodyToFlux(String.class)
                .subscribe();
    }
}
