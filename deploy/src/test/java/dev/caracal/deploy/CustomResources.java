package dev.caracal.deploy;

import dev.caracal.deploy.Manifest.Workload;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The custom resources of the chart, which the fabric8 model parses only as generic objects, checked against what
 * their CRDs require: the InferencePool of the Gateway API Inference Extension ({@code inference.networking.k8s.io/v1},
 * its openAPIV3Schema's required fields, enums and bounds) and the Prometheus Operator's PodMonitor; and against the
 * rest of the manifest (the pods they select, the ports and the endpoint picker they name).
 */
final class CustomResources {

    private static final Set<String> POOL_FIELDS = Set.of("selector", "targetPorts", "endpointPickerRef", "appProtocol");
    private static final Set<String> PICKER_FIELDS = Set.of("group", "kind", "name", "port", "failureMode");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    private CustomResources() {
    }

    static List<String> inferencePools(Manifest manifest) {
        List<String> problems = new ArrayList<>();
        for (GenericKubernetesResource pool : manifest.custom("InferencePool")) {
            String what = Manifest.describe(pool);
            Map<String, Object> spec = map(pool.getAdditionalProperties().get("spec"));
            if (spec == null) {
                problems.add(what + " has no spec");
                continue;
            }
            unknown(what + " spec", spec, POOL_FIELDS, problems);
            Object protocol = spec.get("appProtocol");
            if (protocol != null && !Set.of("http", "kubernetes.io/h2c").contains(protocol)) {
                problems.add(what + ": appProtocol " + protocol + " is neither http nor kubernetes.io/h2c");
            }

            Map<String, Object> selector = map(spec.get("selector"));
            Map<String, Object> matchLabels = selector == null ? null : map(selector.get("matchLabels"));
            List<Workload> selected = List.of();
            if (matchLabels == null || matchLabels.isEmpty() || matchLabels.size() > 64) {
                problems.add(what + ": spec.selector.matchLabels needs 1 to 64 labels");
            } else {
                unknown(what + " spec.selector", selector, Set.of("matchLabels"), problems);
                matchLabels.forEach((key, value) -> {
                    if (!(value instanceof String text) || text.length() > 63 || !LABEL_VALUE.matcher(text).matches()) {
                        problems.add(what + ": label value " + value + " of " + key + " is not a valid label value");
                    }
                });
                LabelSelector labels = Serialization.unmarshal(Serialization.asJson(selector), LabelSelector.class);
                selected = ManifestChecks.selected(manifest, labels);
                if (selected.isEmpty()) {
                    problems.add(what + ": the selector " + matchLabels + " selects no pods");
                }
            }

            List<?> targetPorts = spec.get("targetPorts") instanceof List<?> list ? list : null;
            if (targetPorts == null || targetPorts.isEmpty() || targetPorts.size() > 8) {
                problems.add(what + ": spec.targetPorts needs 1 to 8 ports");
            } else {
                Set<Object> numbers = new HashSet<>();
                for (Object entry : targetPorts) {
                    Object number = map(entry) == null ? null : map(entry).get("number");
                    if (!(number instanceof Integer port) || port < 1 || port > 65535) {
                        problems.add(what + ": target port " + entry + " needs a number in 1..65535");
                        continue;
                    }
                    if (!numbers.add(number)) {
                        problems.add(what + ": target port " + number + " appears twice");
                    }
                    for (Workload workload : selected) {
                        if (ManifestChecks.containerPorts(workload.template().getSpec())
                                .noneMatch(declared -> Objects.equals(declared.getContainerPort(), port))) {
                            problems.add(what + ": target port " + port + " is not a container port of "
                                    + workload.name());
                        }
                    }
                }
            }

            Map<String, Object> picker = map(spec.get("endpointPickerRef"));
            if (picker == null || !(picker.get("name") instanceof String name) || name.isEmpty()) {
                problems.add(what + ": spec.endpointPickerRef.name is required");
            } else {
                problems.addAll(picker(manifest, what, picker, name));
            }
        }
        return problems;
    }

    private static List<String> picker(Manifest manifest, String what, Map<String, Object> picker, String name) {
        List<String> problems = new ArrayList<>();
        unknown(what + " spec.endpointPickerRef", picker, PICKER_FIELDS, problems);
        Object failureMode = picker.get("failureMode");
        if (failureMode != null && !Set.of("FailOpen", "FailClose").contains(failureMode)) {
            problems.add(what + ": failureMode " + failureMode + " is neither FailOpen nor FailClose");
        }
        String kind = (String) picker.getOrDefault("kind", "Service");
        if (!kind.equals("Service")) {
            return problems;
        }
        Map<String, Object> port = map(picker.get("port"));
        Object number = port == null ? null : port.get("number");
        if (!(number instanceof Integer)) {
            problems.add(what + ": endpointPickerRef.port.number is required for a Service");
            return problems;
        }
        var service = manifest.find(Service.class, name);
        if (service.isEmpty()) {
            problems.add(what + ": the endpoint picker's Service " + name + " is not in the manifest");
            return problems;
        }
        var servicePort = service.get().getSpec().getPorts().stream()
                .filter(candidate -> Objects.equals(candidate.getPort(), number)).findFirst();
        if (servicePort.isEmpty()) {
            problems.add(what + ": the endpoint picker's Service " + name + " has no port " + number);
            return problems;
        }
        IntOrString target = servicePort.get().getTargetPort();
        for (Workload workload : ManifestChecks.selected(manifest, service.get().getSpec().getSelector())) {
            if (ManifestChecks.containerPorts(workload.template().getSpec())
                    .noneMatch(declared -> ManifestChecks.reaches(target, declared))) {
                problems.add(what + ": the endpoint picker's pods (" + workload.name() + ") do not serve port "
                        + number);
            }
        }
        return problems;
    }

    static List<String> podMonitors(Manifest manifest) {
        List<String> problems = new ArrayList<>();
        for (GenericKubernetesResource monitor : manifest.custom("PodMonitor")) {
            String what = Manifest.describe(monitor);
            Map<String, Object> spec = map(monitor.getAdditionalProperties().get("spec"));
            Map<String, Object> selector = spec == null ? null : map(spec.get("selector"));
            if (selector == null || !(spec.get("podMetricsEndpoints") instanceof List<?> endpoints)
                    || endpoints.isEmpty()) {
                problems.add(what + ": spec.selector and spec.podMetricsEndpoints are required");
                continue;
            }
            List<Workload> selected = ManifestChecks.selected(manifest,
                    Serialization.unmarshal(Serialization.asJson(selector), LabelSelector.class));
            if (selected.isEmpty()) {
                problems.add(what + ": the selector selects no pods");
            }
            for (Object endpoint : endpoints) {
                Object port = map(endpoint) == null ? null : map(endpoint).get("port");
                for (Workload workload : selected) {
                    if (ManifestChecks.containerPorts(workload.template().getSpec()).map(ContainerPort::getName)
                            .noneMatch(name -> Objects.equals(name, port))) {
                        problems.add(what + ": port " + port + " is not a named container port of " + workload.name());
                    }
                }
            }
        }
        return problems;
    }

    private static void unknown(String what, Map<String, Object> fields, Set<String> known, List<String> problems) {
        fields.keySet().stream().filter(field -> !known.contains(field)).forEach(field ->
                problems.add(what + " has the field " + field + ", which the CRD does not define"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }
}
