package dev.caracal.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.deploy.Manifest.Workload;
import dev.caracal.deploy.ManifestChecks.External;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every optional part of the chart switched on, and combinations of values, each rendered and checked whole. */
class ChartFeaturesTest {

    /** The Gateway, and the Secrets the user makes, that the values below name. */
    private static final Set<External> EXTERNAL = Set.of(new External("Gateway", "inference-gateway"),
            new External("Gateway", "edge"), new External("Secret", "hf-token"), new External("Secret", "registry"),
            new External("Secret", "caracal-settings"), new External("Secret", "router-key"),
            new External("PersistentVolumeClaim", "shared-models"));

    private static final Map<String, Object> EVERYTHING = Map.of(
            "imagePullSecrets", List.of(Map.of("name", "registry")),
            "model", Map.of("pull", Map.of("tokenSecret", Map.of("name", "hf-token")),
                    "volume", Map.of("type", "persistentVolumeClaim")),
            "tenants", List.of(Map.of("name", "support-bot", "key-hashes", List.of("sha256:" + "0f".repeat(32))),
                    Map.of("name", "router", "key-hashes", List.of("sha256:" + "1e".repeat(32)), "roles",
                            List.of("user", "cluster"))),
            "inferenceGateway", Map.of("enabled", true, "endpointPicker", Map.of("replicas", 2)),
            "router", Map.of("enabled", true, "workerApiKey", Map.of("value", "a-cluster-key")),
            "autoscaling", Map.of("enabled", true),
            "metrics", Map.of("podMonitor", Map.of("enabled", true)));

    private static final Manifest ALL = HelmChart.render(EVERYTHING);

    @Test
    void everythingOnIsStillOneConsistentWhole() {
        assertThat(ManifestChecks.problems(ALL, EXTERNAL)).isEmpty();
        assertThat(ALL.names()).containsExactlyInAnyOrder("Deployment/caracal", "Service/caracal",
                "Service/caracal-workers", "ServiceAccount/caracal", "PodDisruptionBudget/caracal",
                "Secret/caracal-config", "PersistentVolumeClaim/caracal-models", "Deployment/caracal-redis",
                "Service/caracal-redis", "InferencePool/caracal", "ConfigMap/caracal-epp", "ServiceAccount/caracal-epp",
                "Role/caracal-epp", "RoleBinding/caracal-epp", "ClusterRole/caracal-epp-default-metrics-auth",
                "ClusterRoleBinding/caracal-epp-default-metrics-auth", "Deployment/caracal-epp", "Service/caracal-epp",
                "HTTPRoute/caracal", "Secret/caracal-router", "Deployment/caracal-router", "Service/caracal-router",
                "HorizontalPodAutoscaler/caracal", "PodMonitor/caracal");
    }

    @Test
    void theRouteLeadsFromTheGatewayToTheInferencePoolOfTheWorkers() {
        HTTPRoute route = ALL.get(HTTPRoute.class, "caracal");
        var parent = route.getSpec().getParentRefs().getFirst();
        var backend = route.getSpec().getRules().getFirst().getBackendRefs().getFirst();

        assertThat(parent.getKind() + "/" + parent.getName()).isEqualTo("Gateway/inference-gateway");
        assertThat(backend.getGroup() + " " + backend.getKind() + "/" + backend.getName())
                .isEqualTo("inference.networking.k8s.io InferencePool/caracal");
        assertThat(route.getSpec().getRules().getFirst().getTimeouts().getRequest()).isEqualTo("300s");

        GenericKubernetesResource pool = ALL.custom("InferencePool").getFirst();
        assertThat(pool.getApiVersion()).isEqualTo("inference.networking.k8s.io/v1");
        assertThat(ManifestChecks.selected(ALL, ALL.get(Deployment.class, "caracal").getSpec().getSelector()))
                .extracting(Workload::name).containsExactly("caracal");
        assertThat((Object) pool.get("spec", "endpointPickerRef", "name")).isEqualTo("caracal-epp");
        assertThat(selectedBy("caracal-epp")).containsExactly("caracal-epp");
        assertThat((Object) pool.get("spec", "targetPorts", 0, "number")).isEqualTo(8000);
    }

    @Test
    void theEndpointPickerWatchesThePoolAndReadsTheWorkersMetricsWhereCaracalServesThem() {
        Container picker = container("caracal-epp", "epp");

        assertThat(picker.getArgs()).containsSequence("--pool-name", "caracal")
                .containsSequence("--model-server-metrics-path", "/actuator/prometheus")
                .containsSequence("--total-queued-requests-metric", "vllm:num_requests_waiting")
                .containsSequence("--kv-cache-usage-percentage-metric", "vllm:kv_cache_usage_perc")
                .contains("--ha-enable-leader-election");
        assertThat(ALL.get(Role.class, "caracal-epp").getRules()).anySatisfy(rule -> {
            assertThat(rule.getApiGroups()).containsExactly("inference.networking.k8s.io");
            assertThat(rule.getResources()).containsExactly("inferencepools");
        }).anySatisfy(rule -> assertThat(rule.getResources()).containsExactly("leases"));
    }

    @Test
    void theAutoscalerScalesTheWorkersOnTheirWaitingRequestsAndOwnsTheirReplicas() {
        var autoscaler = ALL.get(HorizontalPodAutoscaler.class, "caracal").getSpec();

        assertThat(autoscaler.getScaleTargetRef().getKind() + "/" + autoscaler.getScaleTargetRef().getName())
                .isEqualTo("Deployment/caracal");
        var metric = autoscaler.getMetrics().getFirst();
        assertThat(metric.getType()).isEqualTo("Pods");
        assertThat(metric.getPods().getMetric().getName()).isEqualTo("caracal_num_requests_waiting");
        assertThat(metric.getPods().getTarget().getAverageValue().toString()).isEqualTo("4");
        assertThat(ALL.get(Deployment.class, "caracal").getSpec().getReplicas()).isNull();
    }

    @Test
    void theRouterFindsTheWorkersThroughTheHeadlessServiceAndSendsThemItsKey() {
        Container router = container("caracal-router", "router");

        assertThat(router.getArgs()).containsExactly("serve", "--role", "router", "--workers",
                "http://caracal-workers:8000", "--host", "0.0.0.0", "--caracal.router.policy=prefix");
        Service workers = ALL.get(Service.class, "caracal-workers");
        assertThat(workers.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(selectedBy("caracal-workers")).containsExactly("caracal");
        assertThat(selectedBy("caracal-router")).containsExactly("caracal-router");
        var key = router.getEnv().stream().filter(variable -> variable.getName().equals("CARACAL_ROUTER_WORKERAPIKEY"))
                .findFirst().orElseThrow().getValueFrom().getSecretKeyRef();
        assertThat(ALL.get(Secret.class, key.getName()).getStringData()).containsEntry(key.getKey(), "a-cluster-key");
        assertThat(router.getArgs()).noneMatch(argument -> argument.contains("a-cluster-key"));
    }

    @Test
    void theTenantsReachWorkerAndRouterAsAnApplicationYmlInTheirWorkingDirectorysConfigFolder() {
        Secret config = ALL.get(Secret.class, "caracal-config");
        assertThat(config.getStringData().get("application.yml")).contains("tenants:", "support-bot",
                "sha256:" + "0f".repeat(32));
        for (String deployment : List.of("caracal", "caracal-router")) {
            PodSpec pod = pod(deployment);
            Container container = pod.getContainers().getFirst();
            assertThat(pod.getVolumes()).filteredOn(volume -> volume.getSecret() != null)
                    .extracting(volume -> volume.getSecret().getSecretName()).containsExactly("caracal-config");
            assertThat(container.getVolumeMounts()).extracting(VolumeMount::getMountPath)
                    .contains(container.getWorkingDir() + "/config");
            assertThat(ALL.get(Deployment.class, deployment).getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsKey("checksum/config");
        }
    }

    @Test
    void theModelClaimIsMadeKeptAndMounted() {
        PersistentVolumeClaim claim = ALL.get(PersistentVolumeClaim.class, "caracal-models");

        assertThat(claim.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
        assertThat(claim.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("20Gi");
        assertThat(pod("caracal").getVolumes()).filteredOn(volume -> volume.getName().equals("models"))
                .extracting(volume -> volume.getPersistentVolumeClaim().getClaimName()).containsExactly("caracal-models");
        assertThat(pod("caracal").getInitContainers().getFirst().getEnv()).extracting(variable -> variable.getName())
                .containsExactly("HF_TOKEN");
    }

    static Stream<Arguments> combinations() {
        return Stream.of(
                Arguments.of("the bundled demo model", Map.of("model", Map.of("file", "", "pull",
                        Map.of("enabled", false)))),
                Arguments.of("a pull pinned to a commit", Map.of("model", Map.of("pull", Map.of("revision",
                        "0123456789abcdef0123456789abcdef01234567")))),
                Arguments.of("a file in a subfolder of the repository", Map.of("model", Map.of("file",
                        "Q4/model-Q4_0.gguf"))),
                Arguments.of("an existing claim filled beforehand", Map.of("model", Map.of("file", "m/model.gguf",
                        "pull", Map.of("enabled", false), "volume", Map.of("type", "persistentVolumeClaim",
                                "persistentVolumeClaim", Map.of("existingClaim", "shared-models"))))),
                Arguments.of("a directory of the node", Map.of("model", Map.of("pull", Map.of("enabled", false),
                        "volume", Map.of("type", "hostPath")))),
                Arguments.of("an external Redis", Map.of("redis", Map.of("externalUri",
                        "rediss://:secret@redis.example:6380/2"))),
                Arguments.of("no Redis", Map.of("redis", Map.of("enabled", false))),
                Arguments.of("the user's own application.yml", Map.of("config", Map.of("existingSecret",
                        "caracal-settings"), "router", Map.of("enabled", true, "workerApiKey",
                        Map.of("existingSecret", "router-key")))),
                Arguments.of("no ServiceAccount, scrape annotations or disruption budget", Map.of("serviceAccount",
                        Map.of("create", false), "metrics", Map.of("scrapeAnnotations", false), "worker",
                        Map.of("podDisruptionBudget", Map.of("enabled", false)))),
                Arguments.of("a gateway in another namespace and a named listener", Map.of("inferenceGateway",
                        Map.of("enabled", true, "pool", Map.of("name", "llama-pool"), "route", Map.of("gateway",
                                Map.of("name", "edge", "namespace", "gateways", "sectionName", "https"),
                                "hostnames", List.of("llm.example.com"))))),
                Arguments.of("a gateway without the chart's route", Map.of("inferenceGateway", Map.of("enabled", true,
                        "route", Map.of("enabled", false)))),
                Arguments.of("a full name of 63 characters", Map.of("fullnameOverride", "c".repeat(63),
                        "inferenceGateway", Map.of("enabled", true), "router", Map.of("enabled", true))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void eachCombinationIsOneConsistentWhole(String description, Map<String, Object> values) {
        Manifest manifest = HelmChart.render(values);

        assertThat(ManifestChecks.problems(manifest, EXTERNAL)).as(description).isEmpty();
    }

    @Test
    void theBundledDemoModelNeedsNoVolumeAndNoPull() {
        PodSpec pod = pod(HelmChart.render(Map.of("model", Map.of("file", "", "pull", Map.of("enabled", false)))),
                "caracal");

        assertThat(pod.getInitContainers()).isEmpty();
        assertThat(pod.getVolumes()).extracting(Volume::getName).containsExactly("tmp");
        assertThat(pod.getContainers().getFirst().getArgs()).doesNotContain("--model")
                .noneMatch(argument -> argument.startsWith("--caracal.models"));
    }

    @Test
    void aPullPinnedToACommitOpensTheSnapshotWithoutALink() {
        String commit = "0123456789abcdef0123456789abcdef01234567";
        PodSpec pod = pod(HelmChart.render(Map.of("model", Map.of("pull", Map.of("revision", commit)))), "caracal");

        assertThat(pod.getInitContainers()).extracting(Container::getName).containsExactly("pull-model");
        assertThat(pod.getContainers().getFirst().getArgs()).containsSequence("--model", "/models/hub/models--bartowski"
                + "--Llama-3.2-1B-Instruct-GGUF/snapshots/" + commit + "/Llama-3.2-1B-Instruct-Q4_0.gguf");
    }

    @Test
    void aFileInASubfolderIsLinkedByItsNameAlone() {
        PodSpec pod = pod(HelmChart.render(Map.of("model", Map.of("file", "Q4/model-Q4_0.gguf"))), "caracal");

        assertThat(pod.getContainers().getFirst().getArgs()).containsSequence("--model", "/models/model-Q4_0.gguf");
        assertThat(pod.getInitContainers().get(1).getEnv()).extracting(variable -> variable.getValue())
                .contains("Q4/model-Q4_0.gguf", "model-Q4_0.gguf");
    }

    @Test
    void anExternalRedisIsUsedAndNoneIsDeployedAndWithoutRedisTheTierIsOff() {
        Manifest external = HelmChart.render(Map.of("redis", Map.of("externalUri", "redis://redis.example:6379")));
        Manifest without = HelmChart.render(Map.of("redis", Map.of("enabled", false)));

        assertThat(external.names()).noneMatch(name -> name.contains("redis"));
        assertThat(pod(external, "caracal").getContainers().getFirst().getArgs())
                .contains("--caracal.cache.redis.enabled=true", "--caracal.cache.redis.uri=redis://redis.example:6379");
        assertThat(pod(without, "caracal").getContainers().getFirst().getArgs())
                .noneMatch(argument -> argument.contains("redis"));
    }

    @Test
    void everyNameFitsInADnsLabelWhateverTheReleaseIsCalled() {
        for (String release : List.of("caracal", "my-caracal", "r".repeat(53))) {
            Manifest manifest = HelmChart.render(release, Map.of("inferenceGateway", Map.of("enabled", true),
                    "router", Map.of("enabled", true)));

            assertThat(ManifestChecks.identities(manifest)).as(release).isEmpty();
            assertThat(manifest.objects()).extracting(object -> object.getMetadata().getName())
                    .allMatch(name -> name.length() <= 63 || name.endsWith("-metrics-auth"));
        }
        assertThat(HelmChart.render("my-caracal", Map.of()).names()).contains("Deployment/my-caracal",
                "Service/my-caracal-workers");
    }

    @Test
    void valuesThatCannotWorkAreRefusedWithWhatToDo() {
        assertThatThrownBy(() -> HelmChart.render(Map.of("model", Map.of("file", ""))))
                .hasMessageContaining("model.pull.enabled needs model.file");
        assertThatThrownBy(() -> HelmChart.render(Map.of("model", Map.of("pull", Map.of("repository",
                "not a repository"))))).hasMessageContaining("model.pull.repository must be ORG/NAME");
        assertThatThrownBy(() -> HelmChart.render(Map.of("router", Map.of("enabled", true, "policy", "round-robin"))))
                .hasMessageContaining("router.policy must be prefix, least-loaded or random");
        assertThatThrownBy(() -> HelmChart.render(Map.of("model", Map.of("volume", Map.of("type", "nfs")))))
                .hasMessageContaining("model.volume.type must be emptyDir, persistentVolumeClaim or hostPath");
        assertThatThrownBy(() -> HelmChart.render(Map.of("autoscaling", Map.of("enabled", true, "minReplicas", 5,
                "maxReplicas", 2)))).hasMessageContaining("autoscaling.minReplicas must not exceed");
        List<Map<String, Object>> users = List.of(Map.of("name", "apps", "key-hashes",
                List.of("sha256:" + "0f".repeat(32)), "roles", List.of("user")));
        assertThatThrownBy(() -> HelmChart.render(Map.of("tenants", users, "router", Map.of("enabled", true,
                "workerApiKey", Map.of("value", "a-user-key"))))).hasMessageContaining("give the router a tenant"
                + " with roles [user, cluster] and its key as router.workerApiKey");
    }

    private static List<String> selectedBy(String service) {
        return ManifestChecks.selected(ALL, ALL.get(Service.class, service).getSpec().getSelector()).stream()
                .map(Workload::name).toList();
    }

    private static PodSpec pod(String deployment) {
        return pod(ALL, deployment);
    }

    private static PodSpec pod(Manifest manifest, String deployment) {
        return manifest.get(Deployment.class, deployment).getSpec().getTemplate().getSpec();
    }

    private static Container container(String deployment, String name) {
        return pod(deployment).getContainers().stream().filter(container -> container.getName().equals(name))
                .findFirst().orElseThrow();
    }
}
