package dev.caracal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.deploy.CaracalArguments.PropertyClass;
import dev.caracal.deploy.CaracalArguments.Verdict;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The arguments, environment and application.yml the chart gives each Caracal container are ones the application
 * accepts: its command line parses them and its configuration classes bind every {@code caracal.*} property.
 */
class ContainerArgumentsTest {

    /**
     * Named by issue 25 for the router and the metrics written beside this chart, not in the application yet: until
     * they are, checking them is skipped (and says so); once they are, they are checked like every other.
     */
    private static final Map<String, Object> CONFIGURED = Map.of(
            "tenants", List.of(Map.of("name", "support-bot", "key-hashes", List.of("sha256:" + "ab".repeat(32)),
                    "roles", List.of("user"), "models", List.of("*"), "priority", "batch",
                    "limits", Map.of("requests-per-minute", 300, "max-concurrent", 16)),
                    Map.of("name", "router", "key-hashes", List.of("sha256:" + "cd".repeat(32)),
                            "roles", List.of("user", "cluster"))),
            "config", Map.of("application", Map.of("caracal", Map.of("max-waiting-requests", 64))),
            "model", Map.of("alias", "llama", "contextLength", 8192, "kvMemory", "2GB", "maxSequences", 16),
            "worker", Map.of("properties", Map.of("caracal.limits.stream-stall-timeout", "45s")),
            "redis", Map.of("properties", Map.of("ttl", "2h", "budget-bytes", 536870912)),
            "router", Map.of("enabled", true, "policy", "least-loaded", "workerApiKey", Map.of("value", "key")));

    @Test
    void theApplicationsPropertyClassesAreFound() {
        assertThat(CaracalArguments.propertyClasses()).extracting(PropertyClass::prefix).contains("caracal",
                "caracal.security", "caracal.limits", "caracal.admission", "caracal.server", "caracal.cache.redis");
    }

    @Test
    void theSwitchesOfTheApplicationAreFound() {
        assertThat(CaracalArguments.conditionProperties()).containsEntry("caracal.cache.redis.enabled", true)
                .containsEntry("caracal.enabled", false);
    }

    @Test
    void theWorkersArgumentsAreCaracalServesOptionsAndKnownProperties() {
        for (Manifest manifest : List.of(HelmChart.render(Map.of()), HelmChart.render(CONFIGURED))) {
            Verdict verdict = check(manifest, "caracal", "caracal");

            assertThat(verdict.problems()).isEmpty();
            assertThat(verdict.unknownOptions()).isEmpty();
            assertThat(verdict.unknownProperties()).isEmpty();
        }
    }

    @Test
    void theInitContainerRunsCaracalPullWithItsOwnOptions() {
        Container pull = HelmChart.render(Map.of("model", Map.of("pull", Map.of("endpoint", "https://hub.example",
                "revision", "v2")))).get(Deployment.class, "caracal").getSpec().getTemplate().getSpec()
                .getInitContainers().getFirst();
        Verdict verdict = CaracalArguments.check(pull.getArgs(), Map.of(), null);

        assertThat(pull.getArgs()).startsWith("pull").contains("--endpoint", "https://hub.example");
        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.unknownOptions()).isEmpty();
    }

    @Test
    void theRoutersArgumentsAreCaracalServesOptionsAndKnownProperties() {
        Verdict verdict = check(HelmChart.render(CONFIGURED), "caracal-router", "router");

        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.unknownOptions()).isEmpty();
        assertThat(verdict.unknownProperties()).isEmpty();
    }

    @Test
    void theRouterAndMetricsPropertiesAndOptionsAreKnown() {
        Verdict worker = check(HelmChart.render(Map.of()), "caracal", "caracal");
        Verdict router = check(HelmChart.render(CONFIGURED), "caracal-router", "router");
        List<String> missing = java.util.stream.Stream.of(worker.unknownProperties(), router.unknownProperties(),
                router.unknownOptions()).flatMap(List::stream).distinct().toList();
        assertThat(missing).isEmpty();
    }

    @Test
    void aMisspeltPropertyOrAValueTheApplicationRefusesIsCaught() {
        Verdict misspelt = CaracalArguments.check(List.of("serve", "--caracal.cache.redis.tll=1h",
                "--caracal.models[0].max-sequence=4"), Map.of(), null);
        assertThat(misspelt.unknownProperties()).containsExactly("caracal.cache.redis.tll",
                "caracal.models[0].max-sequence");

        Verdict refused = CaracalArguments.check(List.of("serve", "--caracal.models[0].kv-memory=lots"), Map.of(),
                null);
        assertThat(refused.problems()).singleElement().asString().contains("caracal")
                .contains("kv-memory", "lots");

        Verdict tenants = CaracalArguments.check(List.of("serve"), Map.of(), """
                caracal:
                  security:
                    tenants:
                      - name: a
                        key-hash: [sha256:00]
                """);
        assertThat(tenants.unknownProperties()).containsExactly("caracal.security.tenants[0].key-hash[0]");

        Verdict environment = CaracalArguments.check(List.of("serve"), Map.of("CARACAL_ROUTER_WORKERAPIKEY", "k",
                "CARACAL_MAXWAITINGREQUESTS", "3", "CARACAL_ROUTER_WORKERAPIKY", "k"), null);
        assertThat(environment.unknownProperties()).containsExactly("CARACAL_ROUTER_WORKERAPIKY");

        Verdict options = CaracalArguments.check(List.of("serve", "--hots", "0.0.0.0"), Map.of(), null);
        assertThat(options.unknownOptions()).containsExactly("--hots", "0.0.0.0");
        assertThat(CaracalArguments.check(List.of("serve", "--port", "eighty"), Map.of(), null).problems())
                .singleElement().asString().contains("eighty");
    }

    /** The arguments, environment (literal values and Secret keys) and mounted application.yml of one container. */
    private static Verdict check(Manifest manifest, String deployment, String container) {
        var pod = manifest.get(Deployment.class, deployment).getSpec().getTemplate().getSpec();
        Container found = pod.getContainers().stream().filter(c -> c.getName().equals(container)).findFirst()
                .orElseThrow();
        Map<String, String> environment = found.getEnv().stream().filter(variable -> !variable.getName()
                .startsWith("JDK_")).collect(Collectors.toMap(EnvVar::getName, ContainerArgumentsTest::value));
        String application = pod.getVolumes().stream().filter(volume -> volume.getSecret() != null
                        && volume.getName().equals("config")).findFirst()
                .map(volume -> manifest.get(Secret.class, volume.getSecret().getSecretName()).getStringData()
                        .get("application.yml"))
                .orElse(null);
        return CaracalArguments.check(found.getArgs(), environment, application);
    }

    private static String value(EnvVar variable) {
        return variable.getValue() != null ? variable.getValue() : "<" + variable.getValueFrom() + ">";
    }
}
