package dev.caracal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.deploy.ManifestChecks.External;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each rule of {@link ManifestChecks} catches the defect it is there for, and passes the same objects without it. */
class ManifestChecksTest {

    private static final String WORKLOAD = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web, tier: front}
                spec:
                  serviceAccountName: web
                  containers:
                    - name: server
                      image: example/web:1
                      ports:
                        - {name: http, containerPort: 8080}
                      readinessProbe:
                        httpGet: {path: /ready, port: http}
                      env:
                        - name: TOKEN
                          valueFrom:
                            secretKeyRef: {name: web, key: token}
                      volumeMounts:
                        - {name: settings, mountPath: /etc/web}
                  volumes:
                    - name: settings
                      configMap: {name: web}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: web
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: web
            stringData:
              token: abc
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: web
            data:
              settings.yml: "a: 1"
            """;

    private static final String SERVICE = """
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector: {app: web}
              ports:
                - {name: http, port: 80, targetPort: http}
            """;

    @Test
    void aConsistentManifestHasNoProblems() {
        assertThat(problems(WORKLOAD + SERVICE)).isEmpty();
    }

    @Test
    void aMisspeltFieldIsAnUnknownField() {
        assertThat(problems(WORKLOAD.replace("readinessProbe:", "readinesProbe:")))
                .containsExactly("Deployment/web: unknown field spec.template.spec.containers[0].readinesProbe");
        assertThat(problems(WORKLOAD.replace("path: /ready", "pth: /ready")))
                .anyMatch(problem -> problem.contains("readinessProbe.httpGet.pth"));
    }

    @Test
    void aKindTheApiVersionDoesNotHaveIsRefused() {
        assertThat(problems(WORKLOAD.replace("kind: ConfigMap", "kind: ConfigMaps")))
                .anyMatch(problem -> problem.contains("v1 has no kind ConfigMaps"));
        assertThat(problems(WORKLOAD.replace("apiVersion: apps/v1", "apiVersion: apps/v2")))
                .anyMatch(problem -> problem.contains("apps/v2 has no kind Deployment"));
    }

    @Test
    void namesMustBeValidAndUnique() {
        assertThat(problems(WORKLOAD + SERVICE.replace("name: web\nspec", "name: Web_1\nspec")))
                .anyMatch(problem -> problem.startsWith("Service/Web_1: the name is not a valid DNS label"));
        assertThat(problems(WORKLOAD + SERVICE + SERVICE)).contains("Service/web appears twice");
    }

    @Test
    void aSelectorThatMissesItsPodsIsCaught() {
        assertThat(problems(WORKLOAD + SERVICE.replace("selector: {app: web}", "selector: {app: api}")))
                .contains("Service/web: the selector {app=api} selects no pods");
        assertThat(problems(WORKLOAD.replace("matchLabels: {app: web}", "matchLabels: {app: web, tier: back}")))
                .contains("Deployment/web: the selector does not match the pod template's labels");
    }

    @Test
    void aServiceOrProbePortTheContainerDoesNotDeclareIsCaught() {
        assertThat(problems(WORKLOAD + SERVICE.replace("targetPort: http", "targetPort: web")))
                .contains("Service/web: port http targets 'web', which no container of web declares");
        assertThat(problems(WORKLOAD + SERVICE.replace("targetPort: http", "targetPort: 9090")))
                .contains("Service/web: port http targets 9090, which no container of web declares");
        assertThat(problems(WORKLOAD.replace("port: http}", "port: 8081}")))
                .contains("web/server: the readiness probe checks port 8081, which the container does not declare");
    }

    @Test
    void referencesToMissingObjectsKeysAndVolumesAreCaughtUnlessExternal() {
        String withoutSecret = WORKLOAD.replace("kind: Secret\nmetadata:\n  name: web", "kind: Secret\nmetadata:\n"
                + "  name: other");
        assertThat(problems(withoutSecret)).contains("web/server refers to Secret/web, which is neither in the"
                + " manifest nor declared as external");
        assertThat(ManifestChecks.problems(Manifest.parse(withoutSecret), Set.of(new External("Secret", "web"))))
                .isEmpty();
        assertThat(problems(WORKLOAD.replace("key: token", "key: tokens")))
                .contains("web/server reads key tokens of Secret/web, which has only [token]");
        assertThat(problems(WORKLOAD.replace("configMap: {name: web}", "configMap: {name: settings}")))
                .contains("web refers to ConfigMap/settings, which is neither in the manifest nor declared as"
                        + " external");
        assertThat(problems(WORKLOAD.replace("{name: settings, mountPath", "{name: config, mountPath")))
                .contains("web/server mounts volume config, which the pod does not have");
        assertThat(problems(WORKLOAD.replace("serviceAccountName: web", "serviceAccountName: robot")))
                .contains("web refers to ServiceAccount/robot, which is neither in the manifest nor declared as"
                        + " external");
    }

    @Test
    void anAutoscalerOfAMissingWorkloadIsCaught() {
        String autoscaler = """
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: web
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  minReplicas: 1
                  maxReplicas: 3
                  metrics:
                    - type: Pods
                      pods:
                        metric: {name: queue}
                        target: {type: AverageValue, averageValue: "4"}
                """;
        assertThat(problems(WORKLOAD + autoscaler)).isEmpty();
        assertThat(problems(WORKLOAD + autoscaler.replace("kind: Deployment, name: web", "kind: Deployment, name: api")))
                .contains("HorizontalPodAutoscaler/web: scaleTargetRef apps/v1 Deployment/api is not in the manifest");
        assertThat(problems(WORKLOAD + autoscaler.replace("type: AverageValue", "type: Utilization")))
                .contains("HorizontalPodAutoscaler/web: a Pods metric needs a name and an AverageValue target");
    }

    @Test
    void aRouteToAMissingPoolOrAnAbsentGatewayIsCaught() {
        String route = """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: web
                spec:
                  parentRefs:
                    - {name: edge}
                  rules:
                    - backendRefs:
                        - {group: inference.networking.k8s.io, kind: InferencePool, name: web}
                """;
        String gateway = WORKLOAD + SERVICE + route + pool("web", 8080, "web", 80);
        assertThat(ManifestChecks.problems(Manifest.parse(gateway), Set.of(new External("Gateway", "edge"))))
                .isEmpty();
        assertThat(problems(gateway)).contains("HTTPRoute/web: parent Gateway/edge is neither in the manifest nor"
                + " declared as external");
        assertThat(ManifestChecks.problems(Manifest.parse(gateway.replace("InferencePool, name: web}",
                "InferencePool, name: api}")), Set.of(new External("Gateway", "edge"))))
                .contains("HTTPRoute/web: backend InferencePool/api is not in the manifest");
    }

    @Test
    void anInferencePoolIsCheckedAgainstItsCrdAndThePodsItSelects() {
        String manifest = WORKLOAD + SERVICE;
        assertThat(problems(manifest + pool("web", 8080, "web", 80))).isEmpty();
        assertThat(problems(manifest + pool("web", 8000, "web", 80)))
                .contains("InferencePool/web: target port 8000 is not a container port of web");
        assertThat(problems(manifest + pool("web", 8080, "picker", 80)))
                .contains("InferencePool/web: the endpoint picker's Service picker is not in the manifest");
        assertThat(problems(manifest + pool("web", 8080, "web", 9002)))
                .contains("InferencePool/web: the endpoint picker's Service web has no port 9002");
        assertThat(problems(manifest + pool("web", 8080, "web", 80).replace("app: web", "app: api")))
                .contains("InferencePool/web: the selector {app=api} selects no pods");
        assertThat(problems(manifest + pool("web", 8080, "web", 80).replace("failureMode: FailClose",
                "failureMode: Close"))).contains("InferencePool/web: failureMode Close is neither FailOpen nor"
                        + " FailClose");
        assertThat(problems(manifest + pool("web", 8080, "web", 80).replace("targetPorts:", "targetPortNumber: 1\n"
                + "  targetPorts:"))).contains("InferencePool/web spec has the field targetPortNumber, which the CRD"
                        + " does not define");
        assertThat(problems(manifest + pool("web", 8080, "web", 80).replace("    port:\n      number: 80\n", "")))
                .contains("InferencePool/web: endpointPickerRef.port.number is required for a Service");
    }

    private static String pool(String name, int targetPort, String picker, int pickerPort) {
        return """
                ---
                apiVersion: inference.networking.k8s.io/v1
                kind: InferencePool
                metadata:
                  name: %s
                spec:
                  targetPorts:
                    - number: %d
                  selector:
                    matchLabels:
                      app: web
                  endpointPickerRef:
                    name: %s
                    port:
                      number: %d
                    failureMode: FailClose
                """.formatted(name, targetPort, picker, pickerPort);
    }

    private static java.util.List<String> problems(String yaml) {
        return ManifestChecks.problems(Manifest.parse(yaml), Set.of());
    }
}
