package dev.caracal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.deploy.Manifest.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The chart with its default values: what `helm install caracal deploy/helm/caracal` creates. */
class ChartDefaultsTest {

    private static final Manifest DEFAULTS = HelmChart.render(Map.of());

    @Test
    void theDefaultsAreTheWorkersTheirServicesAndRedis() {
        assertThat(DEFAULTS.names()).containsExactlyInAnyOrder("Deployment/caracal", "Service/caracal",
                "Service/caracal-workers", "ServiceAccount/caracal", "PodDisruptionBudget/caracal",
                "Deployment/caracal-redis", "Service/caracal-redis");
    }

    @Test
    void everyObjectIsAValidKubernetesObjectAndEveryReferenceResolves() {
        assertThat(ManifestChecks.problems(DEFAULTS, Set.of())).isEmpty();
    }

    @Test
    void theWorkerServesThePulledModelOnEveryInterfaceWithTheRedisTier() {
        Container worker = worker().getContainers().getFirst();

        assertThat(worker.getArgs()).containsExactly("serve", "--host", "0.0.0.0",
                "--model", "/models/Llama-3.2-1B-Instruct-Q4_0.gguf", "--caracal.model-directories=/models",
                "--caracal.metrics.vllm-names=true",
                "--caracal.cache.redis.enabled=true", "--caracal.cache.redis.uri=redis://caracal-redis:6379");
        assertThat(worker.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(8000);
        });
        assertThat(DEFAULTS.get(Service.class, "caracal-redis").getSpec().getPorts().getFirst().getPort())
                .isEqualTo(6379);
    }

    @Test
    void initContainersPullTheModelThenLinkTheSnapshotWhereTheWorkerOpensIt() {
        List<Container> init = worker().getInitContainers();

        assertThat(init).extracting(Container::getName).containsExactly("pull-model", "link-model");
        assertThat(init.getFirst().getArgs()).containsExactly("pull", "bartowski/Llama-3.2-1B-Instruct-GGUF",
                "Llama-3.2-1B-Instruct-Q4_0.gguf", "--revision", "main", "--cache", "/models/hub");
        assertThat(init.getFirst().getImage()).isEqualTo(worker().getContainers().getFirst().getImage())
                .isEqualTo("caracal:0.1.0-SNAPSHOT");
        Container link = init.get(1);
        assertThat(link.getCommand()).startsWith("sh", "-c");
        assertThat(link.getEnv()).extracting(variable -> variable.getName() + "=" + variable.getValue())
                .containsExactly("REPOSITORY_FOLDER=models--bartowski--Llama-3.2-1B-Instruct-GGUF", "REVISION=main",
                        "FILE=Llama-3.2-1B-Instruct-Q4_0.gguf", "LINK=Llama-3.2-1B-Instruct-Q4_0.gguf");
        for (Container container : List.of(init.getFirst(), link, worker().getContainers().getFirst())) {
            assertThat(container.getVolumeMounts()).extracting(VolumeMount::getMountPath).contains("/models");
        }
    }

    @Test
    void probesAskTheActuatorsKubernetesHealthGroupsAndTheStartupProbeCoversSlowStarts() {
        Container worker = worker().getContainers().getFirst();

        assertThat(worker.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        assertThat(worker.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(worker.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(worker.getStartupProbe().getPeriodSeconds() * worker.getStartupProbe().getFailureThreshold())
                .isEqualTo(600);
        assertThat(worker.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    @Test
    void theWorkerIsNotRootAndWritesOnlyToItsVolumes() {
        PodSpec pod = worker();
        Container worker = pod.getContainers().getFirst();

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        for (Container container : ManifestChecks.allContainers(pod)) {
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(container.getName()).isTrue();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(container.getName()).isFalse();
            assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        }
        assertThat(worker.getVolumeMounts()).extracting(VolumeMount::getMountPath).containsExactlyInAnyOrder("/tmp",
                "/models");
        assertThat(pod.getVolumes()).allSatisfy(volume -> assertThat(volume.getEmptyDir()).isNotNull());
    }

    @Test
    void theWorkerAsksForWholeCoresAndAsMuchMemoryAsItMayUse() {
        var resources = worker().getContainers().getFirst().getResources();

        assertThat(resources.getRequests()).isEqualTo(resources.getLimits());
        assertThat(resources.getRequests().get("cpu").toString()).isEqualTo("4");
        assertThat(resources.getRequests().get("memory").toString()).isEqualTo("6Gi");
    }

    @Test
    void eachServiceSelectsThePodsItIsFor() {
        assertThat(selected("caracal")).containsExactly("caracal");
        assertThat(selected("caracal-workers")).containsExactly("caracal");
        assertThat(selected("caracal-redis")).containsExactly("caracal-redis");
        assertThat(DEFAULTS.get(Service.class, "caracal-workers").getSpec().getClusterIP()).isEqualTo("None");
    }

    @Test
    void helmLintFindsNothingToFix() {
        var lint = HelmChart.lint();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).allMatch(message -> message.startsWith("[INFO]"));
    }

    private static PodSpec worker() {
        return DEFAULTS.get(Deployment.class, "caracal").getSpec().getTemplate().getSpec();
    }

    private static List<String> selected(String service) {
        return ManifestChecks.selected(DEFAULTS, DEFAULTS.get(Service.class, service).getSpec().getSelector()).stream()
                .map(Workload::name).toList();
    }
}
