package dev.caracal.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/** API keys: who may call what, which models each tenant sees, the admin API, and no key in any log line. */
@ExtendWith(OutputCaptureExtension.class)
class AuthenticationTest extends TenantGatewayTestBase {

    @Test
    void theApiNeedsTheKeyOfAUserTenant(CapturedOutput output) {
        JsonNode missing = error(client().get().uri("/v1/models").exchange(), HttpStatus.UNAUTHORIZED);
        assertThat(missing.get("code").stringValue()).isEqualTo("invalid_api_key");
        assertThat(missing.get("message").stringValue()).contains("Authorization: Bearer");
        String wrongKey = "sk-wrong-0b5e55ed";
        JsonNode wrong = error(get(wrongKey, "/v1/models"), HttpStatus.UNAUTHORIZED);
        assertThat(wrong.get("message").stringValue()).isEqualTo("Incorrect API key provided");
        JsonNode adminOnly = error(get(ADMIN_KEY, "/v1/models"), HttpStatus.FORBIDDEN);
        assertThat(adminOnly.get("code").stringValue()).isEqualTo("permission_denied");
        assertThat(ids(ok(get(ALPHA_KEY, "/v1/models")))).containsExactly("stories", "broken");
        ok(complete(ALPHA_KEY, "{\"model\": \"stories\", \"prompt\": \"Once\", \"max_tokens\": 2}"));
        assertThat(output.getAll()).doesNotContain(wrongKey).doesNotContain(ALPHA_KEY).doesNotContain(ADMIN_KEY);
    }

    @Test
    void aTenantSeesOnlyItsModelsAndOthersAreAbsent() {
        assertThat(ids(ok(get(RESTRICTED_KEY, "/v1/models")))).containsExactly("stories");
        ok(get(RESTRICTED_KEY, "/v1/models/stories"));
        JsonNode hidden = error(get(RESTRICTED_KEY, "/v1/models/broken"), HttpStatus.NOT_FOUND);
        assertThat(hidden.get("code").stringValue()).isEqualTo("model_not_found");
        JsonNode generate = error(complete(RESTRICTED_KEY, "{\"model\": \"broken\", \"prompt\": \"Hi\"}"),
                HttpStatus.NOT_FOUND);
        assertThat(generate.get("message").stringValue()).isEqualTo("The model `broken` does not exist");
    }

    @Test
    void theAdminApiNeedsAnAdminKey() {
        error(client().get().uri("/admin/stats").exchange(), HttpStatus.UNAUTHORIZED);
        JsonNode user = error(get(ALPHA_KEY, "/admin/stats"), HttpStatus.FORBIDDEN);
        assertThat(user.get("message").stringValue()).contains("admin role");
        ok(complete(ALPHA_KEY, "{\"model\": \"stories\", \"prompt\": \"Once\", \"max_tokens\": 2}"));

        JsonNode stats = ok(get(ADMIN_KEY, "/admin/stats"));
        JsonNode stories = stats.get("models").get(0);
        assertThat(stories.get("name").stringValue()).isEqualTo("stories");
        assertThat(stories.get("state").stringValue()).isEqualTo("ready");
        assertThat(stories.get("circuit_breaker").stringValue()).isEqualTo("closed");
        assertThat(stories.get("engine").get("kv_blocks_total").longValue()).isPositive();
        assertThat(stories.get("engine").get("requests_finished").longValue()).isPositive();
        assertThat(stories.get("admission").get("max_sequences").intValue()).isEqualTo(1);
        assertThat(stats.get("models").get(1).get("state").stringValue()).isEqualTo("failed");

        JsonNode tenants = ok(get(ADMIN_KEY, "/admin/tenants")).get("tenants");
        assertThat(tenants).hasSize(7);
        assertThat(tenants.get(1).get("name").stringValue()).isEqualTo("restricted");
        assertThat(tenants.get(1).get("models").get(0).stringValue()).isEqualTo("stories");
        assertThat(tenants.get(2).get("roles").get(0).stringValue()).isEqualTo("admin");
        assertThat(tenants.get(4).get("limits").get("tokens_per_minute").longValue()).isEqualTo(200);
        assertThat(tenants.get(6).get("roles").toString()).isEqualTo("[\"cluster\",\"user\"]");
        assertThat(tenants.toString()).doesNotContain("sha256").doesNotContain(ADMIN_KEY);
    }

    private static List<String> ids(JsonNode models) {
        List<String> ids = new ArrayList<>();
        models.get("data").forEach(model -> ids.add(model.get("id").stringValue()));
        return ids;
    }
}
