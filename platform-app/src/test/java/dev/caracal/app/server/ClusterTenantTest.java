package dev.caracal.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.server.security.CacheSalt;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The cluster API with tenants: it needs the key of a tenant with the cluster role (a router's), since its state lists
 * every tenant's cached hashes; each such tenant sees the models it may use, and gets block hashes salted with its
 * name, so that two tenants' identical prompts never share cached blocks. Only a cluster key may set a request's salt
 * ({@link CacheSalt#HEADER}), and then its hashes and its generation are those of a tenant of that name.
 */
class ClusterTenantTest extends TenantGatewayTestBase {

    private static final String PROMPT = """
            {"model": "stories", "max_tokens": 1, "prompt": "Once upon a time, there was a little girl named Lily. \
            She loved to play outside in the park with her friends."}""";
    private static final String SALTED_PROMPT = """
            {"model": "stories", "max_tokens": 1, "prompt": "One day, a big dog named Max found a red ball in the \
            garden. He ran to his friend Tim and they played all day long."}""";

    @Test
    void theClusterApiNeedsAClusterKey() {
        error(client().get().uri("/cluster/v1/state").exchange(), HttpStatus.UNAUTHORIZED);
        error(get("sk-wrong", "/cluster/v1/state"), HttpStatus.UNAUTHORIZED);
        JsonNode user = error(get(ALPHA_KEY, "/cluster/v1/state"), HttpStatus.FORBIDDEN);
        assertThat(user.get("message").stringValue()).isEqualTo("This API key does not have the cluster role the"
                + " cluster API needs (a router's key has it)");
        assertThat(user.get("code").stringValue()).isEqualTo("permission_denied");
        error(prefix(ALPHA_KEY, "/cluster/v1/prefix/completions", PROMPT), HttpStatus.FORBIDDEN);
        error(get(ADMIN_KEY, "/cluster/v1/state"), HttpStatus.FORBIDDEN);
        error(client().post().uri("/cluster/v1/prefix/completions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(PROMPT).exchange(), HttpStatus.UNAUTHORIZED);
        error(prefix(ADMIN_KEY, "/cluster/v1/prefix/chat/completions",
                "{\"model\": \"stories\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]}"),
                HttpStatus.FORBIDDEN);

        assertThat(ok(get(CLUSTER_KEY, "/cluster/v1/state")).get("models")).hasSize(2);
        assertThat(hashes(ok(prefix(CLUSTER_KEY, "/cluster/v1/prefix/completions", PROMPT)))).isNotEmpty();
    }

    @Test
    void eachTenantSeesItsModels() {
        JsonNode restricted = ok(get(RESTRICTED_KEY, "/cluster/v1/state"));
        assertThat(restricted.get("models")).hasSize(1);
        assertThat(restricted.get("models").get(0).get("model").stringValue()).isEqualTo("stories");
        assertThat(restricted.get("models").get(0).get("ready").booleanValue()).isTrue();
        assertThat(restricted.get("ready").booleanValue()).as("a model of the instance failed to load").isFalse();

        JsonNode all = ok(get(CLUSTER_KEY, "/cluster/v1/state"));
        assertThat(all.get("models")).hasSize(2);
        JsonNode broken = all.get("models").get(1);
        assertThat(broken.get("model").stringValue()).isEqualTo("broken");
        assertThat(broken.get("ready").booleanValue()).isFalse();
        assertThat(broken.get("block_size").intValue()).isZero();
        assertThat(broken.get("blocks_total").intValue()).isZero();
        assertThat(broken.get("cached_blocks")).isEmpty();
        error(prefix(RESTRICTED_KEY, "/cluster/v1/prefix/completions",
                "{\"model\": \"broken\", \"prompt\": \"Hi\"}"), HttpStatus.NOT_FOUND);
    }

    @Test
    void tenantsGetHashesSaltedWithTheirNameAndTheEngineCachesThose() {
        List<String> cluster = hashes(ok(prefix(CLUSTER_KEY, "/cluster/v1/prefix/completions", PROMPT)));
        List<String> restricted = hashes(ok(prefix(RESTRICTED_KEY, "/cluster/v1/prefix/completions", PROMPT)));
        assertThat(cluster).hasSizeGreaterThanOrEqualTo(2);
        assertThat(restricted).hasSameSizeAs(cluster).doesNotContainAnyElementsOf(cluster);

        ok(complete(CLUSTER_KEY, PROMPT));
        List<String> cached = cachedBlocks(ok(get(RESTRICTED_KEY, "/cluster/v1/state")));
        assertThat(cached).containsAll(cluster).doesNotContainAnyElementsOf(restricted);
    }

    @Test
    void onlyAClusterKeyMaySetTheCacheSalt() {
        for (String path : List.of("/v1/completions", "/v1/chat/completions")) {
            JsonNode refused = error(client().post().uri(path).header("Authorization", "Bearer " + ALPHA_KEY)
                    .header(CacheSalt.HEADER, "restricted").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(PROMPT).exchange(), HttpStatus.FORBIDDEN);
            assertThat(refused.get("message").stringValue()).as(path).isEqualTo("Only a key with the cluster role"
                    + " (a router's) may set X-Caracal-Cache-Salt; send the request without it");
        }
        error(salted(CLUSTER_KEY, "/cluster/v1/prefix/completions", "%E6", PROMPT), HttpStatus.BAD_REQUEST);
    }

    @Test
    void aClusterKeysSaltGivesTheHashesAndTheCacheOfATenantOfThatName() {
        List<String> asRestricted = hashes(ok(prefix(RESTRICTED_KEY, "/cluster/v1/prefix/completions",
                SALTED_PROMPT)));
        List<String> forRestricted = hashes(ok(salted(CLUSTER_KEY, "/cluster/v1/prefix/completions", "restricted",
                SALTED_PROMPT)));
        List<String> own = hashes(ok(prefix(CLUSTER_KEY, "/cluster/v1/prefix/completions", SALTED_PROMPT)));
        assertThat(forRestricted).hasSizeGreaterThanOrEqualTo(2).isEqualTo(asRestricted)
                .doesNotContainAnyElementsOf(own);

        List<String> forAlpha = hashes(ok(salted(CLUSTER_KEY, "/cluster/v1/prefix/completions", "alpha",
                SALTED_PROMPT)));
        JsonNode generated = ok(salted(CLUSTER_KEY, "/v1/completions", "alpha", SALTED_PROMPT));
        assertThat(generated.at("/usage/prompt_tokens_details/cached_tokens").intValue()).isZero();
        assertThat(cachedBlocks(ok(get(CLUSTER_KEY, "/cluster/v1/state")))).containsAll(forAlpha)
                .doesNotContainAnyElementsOf(own).doesNotContainAnyElementsOf(forRestricted);
        JsonNode alpha = ok(complete(ALPHA_KEY, SALTED_PROMPT));
        assertThat(alpha.at("/usage/prompt_tokens_details/cached_tokens").intValue())
                .as("alpha's own request finds the blocks cached under its name").isPositive();
    }

    private WebTestClient.ResponseSpec prefix(String key, String path, String body) {
        return client().post().uri(path).header("Authorization", "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec salted(String key, String path, String salt, String body) {
        return client().post().uri(path).header("Authorization", "Bearer " + key).header(CacheSalt.HEADER, salt)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static List<String> hashes(JsonNode prefix) {
        return strings(prefix.get("block_hashes"));
    }

    private static List<String> cachedBlocks(JsonNode state) {
        return strings(state.get("models").get(0).get("cached_blocks"));
    }

    private static List<String> strings(JsonNode array) {
        return IntStream.range(0, array.size()).mapToObj(i -> array.get(i).stringValue()).toList();
    }
}
