package dev.caracal.deploy;

import dev.caracal.deploy.Manifest.Workload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What makes a set of Kubernetes objects one working whole, beyond each object's schema: names, selectors that select
 * the pods they are meant for, ports that exist on the containers, references that resolve. Each rule returns the
 * problems it finds, one sentence each naming the object, so that a test can also show that a broken object is caught.
 */
final class ManifestChecks {

    /** An object the manifest may name without containing it: one the user makes, or a cluster's own. */
    record External(String kind, String name) {
    }

    /** Kinds the fabric8 model has no class for, checked by {@link CustomResources} instead. */
    static final Set<String> CUSTOM_KINDS = Set.of("inference.networking.k8s.io/v1 InferencePool",
            "monitoring.coreos.com/v1 PodMonitor");

    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

    private ManifestChecks() {
    }

    /** Every rule. */
    static List<String> problems(Manifest manifest, Set<External> external) {
        return Stream.of(identities(manifest), knownKinds(manifest), workloadSelectors(manifest),
                        serviceSelectors(manifest), probes(manifest), podReferences(manifest, external),
                        roleBindings(manifest, external), routes(manifest, external), autoscalers(manifest),
                        disruptionBudgets(manifest), CustomResources.inferencePools(manifest),
                        CustomResources.podMonitors(manifest))
                .flatMap(List::stream).toList();
    }

    /** apiVersion, kind and a valid name on every object; no two objects of one kind with one name. */
    static List<String> identities(Manifest manifest) {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (HasMetadata object : manifest.objects()) {
            String what = Manifest.describe(object);
            if (object.getApiVersion() == null || object.getKind() == null) {
                problems.add(what + " has no apiVersion or kind");
            }
            String name = object.getMetadata() == null ? null : object.getMetadata().getName();
            if (name == null || name.isEmpty()) {
                problems.add(what + " has no name");
                continue;
            }
            Pattern rule = object instanceof Service ? DNS_LABEL : DNS_SUBDOMAIN;
            int longest = object instanceof Service ? 63 : 253;
            if (!rule.matcher(name).matches() || name.length() > longest) {
                problems.add(what + ": the name is not a valid " + (object instanceof Service ? "DNS label" : "DNS"
                        + " subdomain") + " of at most " + longest + " characters");
            }
            if (!seen.add(object.getApiVersion() + " " + object.getKind() + " " + name)) {
                problems.add(what + " appears twice");
            }
        }
        return problems;
    }

    /**
     * Every object is a kind the model knows for its apiVersion (parsed into its own class, not the generic one) and
     * has no field the kind does not define (the model keeps those aside, in additionalProperties), or is one of the
     * custom kinds checked against their CRDs.
     */
    static List<String> knownKinds(Manifest manifest) {
        List<String> problems = new ArrayList<>();
        for (HasMetadata object : manifest.objects()) {
            if (object instanceof GenericKubernetesResource) {
                if (!CUSTOM_KINDS.contains(object.getApiVersion() + " " + object.getKind())) {
                    problems.add(Manifest.describe(object) + ": " + object.getApiVersion() + " has no kind "
                            + object.getKind() + " that the Kubernetes model knows");
                }
            } else {
                UnknownFields.of(object).forEach(path -> problems.add(Manifest.describe(object)
                        + ": unknown field " + path));
            }
        }
        return problems;
    }

    /** A workload's selector selects its own pods. */
    static List<String> workloadSelectors(Manifest manifest) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : manifest.all(Deployment.class)) {
            if (!matches(deployment.getSpec().getSelector(), deployment.getSpec().getTemplate().getMetadata()
                    .getLabels())) {
                problems.add(Manifest.describe(deployment) + ": the selector does not match the pod template's labels");
            }
        }
        return problems;
    }

    /** A Service selects at least one workload's pods, and each of its ports reaches a port of those pods. */
    static List<String> serviceSelectors(Manifest manifest) {
        List<String> problems = new ArrayList<>();
        for (Service service : manifest.all(Service.class)) {
            Map<String, String> selector = service.getSpec().getSelector();
            if (selector == null || selector.isEmpty()) {
                continue;
            }
            List<Workload> selected = selected(manifest, selector);
            if (selected.isEmpty()) {
                problems.add(Manifest.describe(service) + ": the selector " + selector + " selects no pods");
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort() != null ? port.getTargetPort()
                        : new IntOrString(port.getPort());
                for (Workload workload : selected) {
                    if (containerPorts(workload.template().getSpec()).noneMatch(p -> reaches(target, p))) {
                        problems.add(Manifest.describe(service) + ": port " + port.getName() + " targets "
                                + text(target) + ", which no container of " + workload.name() + " declares");
                    }
                }
            }
        }
        return problems;
    }

    /** Probes check a port their own container declares. */
    static List<String> probes(Manifest manifest) {
        List<String> problems = new ArrayList<>();
        for (Workload workload : manifest.workloads()) {
            for (Container container : allContainers(workload.template().getSpec())) {
                List<ContainerPort> ports = container.getPorts() == null ? List.of() : container.getPorts();
                for (Map.Entry<String, Probe> probe : probes(container).entrySet()) {
                    IntOrString port = probePort(probe.getValue());
                    if (port == null) {
                        continue;
                    }
                    if (ports.stream().noneMatch(declared -> reaches(port, declared))) {
                        problems.add(workload.name() + "/" + container.getName() + ": the " + probe.getKey()
                                + " probe checks port " + text(port) + ", which the container does not declare");
                    }
                }
            }
        }
        return problems;
    }

    /**
     * Everything a pod names exists: the volumes its containers mount, the ConfigMaps, Secrets (with their keys),
     * claims and ServiceAccount it uses, in the manifest or among the externals.
     */
    static List<String> podReferences(Manifest manifest, Set<External> external) {
        List<String> problems = new ArrayList<>();
        for (Workload workload : manifest.workloads()) {
            PodSpec pod = workload.template().getSpec();
            String owner = workload.name();
            Set<String> volumes = new HashSet<>();
            for (Volume volume : pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()) {
                volumes.add(volume.getName());
                if (volume.getSecret() != null) {
                    problems.addAll(keys(manifest, external, owner, "Secret", volume.getSecret().getSecretName(),
                            volume.getSecret().getItems(), volume.getSecret().getOptional()));
                }
                if (volume.getConfigMap() != null) {
                    problems.addAll(keys(manifest, external, owner, "ConfigMap", volume.getConfigMap().getName(),
                            volume.getConfigMap().getItems(), volume.getConfigMap().getOptional()));
                }
                if (volume.getPersistentVolumeClaim() != null) {
                    problems.addAll(exists(manifest, external, owner, "PersistentVolumeClaim",
                            volume.getPersistentVolumeClaim().getClaimName()));
                }
            }
            for (Container container : allContainers(pod)) {
                for (VolumeMount mount : container.getVolumeMounts() == null ? List.<VolumeMount>of()
                        : container.getVolumeMounts()) {
                    if (!volumes.contains(mount.getName())) {
                        problems.add(owner + "/" + container.getName() + " mounts volume " + mount.getName()
                                + ", which the pod does not have");
                    }
                }
                for (EnvVar variable : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
                    if (variable.getValueFrom() == null) {
                        continue;
                    }
                    var secretKey = variable.getValueFrom().getSecretKeyRef();
                    if (secretKey != null) {
                        problems.addAll(key(manifest, external, owner + "/" + container.getName(), "Secret",
                                secretKey.getName(), secretKey.getKey(), secretKey.getOptional()));
                    }
                    var configMapKey = variable.getValueFrom().getConfigMapKeyRef();
                    if (configMapKey != null) {
                        problems.addAll(key(manifest, external, owner + "/" + container.getName(), "ConfigMap",
                                configMapKey.getName(), configMapKey.getKey(), configMapKey.getOptional()));
                    }
                }
                for (EnvFromSource source : container.getEnvFrom() == null ? List.<EnvFromSource>of()
                        : container.getEnvFrom()) {
                    if (source.getSecretRef() != null) {
                        problems.addAll(exists(manifest, external, owner, "Secret", source.getSecretRef().getName()));
                    }
                    if (source.getConfigMapRef() != null) {
                        problems.addAll(exists(manifest, external, owner, "ConfigMap",
                                source.getConfigMapRef().getName()));
                    }
                }
            }
            String account = pod.getServiceAccountName();
            if (account != null && !account.equals("default")) {
                problems.addAll(exists(manifest, external, owner, "ServiceAccount", account));
            }
            for (LocalObjectReference pullSecret : pod.getImagePullSecrets() == null
                    ? List.<LocalObjectReference>of() : pod.getImagePullSecrets()) {
                problems.addAll(exists(manifest, external, owner, "Secret", pullSecret.getName()));
            }
        }
        return problems;
    }

    /** A binding's role and ServiceAccount subjects exist. */
    static List<String> roleBindings(Manifest manifest, Set<External> external) {
        List<String> problems = new ArrayList<>();
        for (RoleBinding binding : manifest.all(RoleBinding.class)) {
            problems.addAll(binding(manifest, external, binding, binding.getRoleRef(), binding.getSubjects()));
        }
        for (ClusterRoleBinding binding : manifest.all(ClusterRoleBinding.class)) {
            if (!"ClusterRole".equals(binding.getRoleRef().getKind())) {
                problems.add(Manifest.describe(binding) + " binds a " + binding.getRoleRef().getKind()
                        + "; a ClusterRoleBinding can only bind a ClusterRole");
            }
            problems.addAll(binding(manifest, external, binding, binding.getRoleRef(), binding.getSubjects()));
        }
        return problems;
    }

    /** An HTTPRoute's backends are in the manifest (an InferencePool, or a Service and one of its ports). */
    static List<String> routes(Manifest manifest, Set<External> external) {
        List<String> problems = new ArrayList<>();
        for (HTTPRoute route : manifest.all(HTTPRoute.class)) {
            for (ParentReference parent : route.getSpec().getParentRefs()) {
                String kind = parent.getKind() == null ? "Gateway" : parent.getKind();
                if (manifest.find(kind, parent.getName()).isEmpty()
                        && !external.contains(new External(kind, parent.getName()))) {
                    problems.add(Manifest.describe(route) + ": parent " + kind + "/" + parent.getName()
                            + " is neither in the manifest nor declared as external");
                }
            }
            for (HTTPRouteRule rule : route.getSpec().getRules()) {
                for (HTTPBackendRef backend : rule.getBackendRefs()) {
                    String kind = backend.getKind() == null ? "Service" : backend.getKind();
                    String group = backend.getGroup() == null ? "" : backend.getGroup();
                    var target = manifest.find(kind, backend.getName());
                    if (target.isEmpty()) {
                        problems.add(Manifest.describe(route) + ": backend " + kind + "/" + backend.getName()
                                + " is not in the manifest");
                    } else if (!group.equals(group(target.get().getApiVersion()))) {
                        problems.add(Manifest.describe(route) + ": backend " + kind + "/" + backend.getName()
                                + " is in group '" + group(target.get().getApiVersion()) + "', not '" + group + "'");
                    } else if (target.get() instanceof Service service && service.getSpec().getPorts().stream()
                            .noneMatch(port -> Objects.equals(port.getPort(), backend.getPort()))) {
                        problems.add(Manifest.describe(route) + ": Service " + backend.getName() + " has no port "
                                + backend.getPort());
                    }
                }
            }
        }
        return problems;
    }

    /** An autoscaler scales a workload of the manifest, within sane bounds, on metrics it can read. */
    static List<String> autoscalers(Manifest manifest) {
        List<String> problems = new ArrayList<>();
        for (HorizontalPodAutoscaler autoscaler : manifest.all(HorizontalPodAutoscaler.class)) {
            var spec = autoscaler.getSpec();
            var target = spec.getScaleTargetRef();
            var scaled = manifest.find(target.getKind(), target.getName());
            if (scaled.isEmpty() || !scaled.get().getApiVersion().equals(target.getApiVersion())) {
                problems.add(Manifest.describe(autoscaler) + ": scaleTargetRef " + target.getApiVersion() + " "
                        + target.getKind() + "/" + target.getName() + " is not in the manifest");
            }
            int least = spec.getMinReplicas() == null ? 1 : spec.getMinReplicas();
            if (least < 1 || least > spec.getMaxReplicas()) {
                problems.add(Manifest.describe(autoscaler) + ": minReplicas " + least + " is not in 1.."
                        + spec.getMaxReplicas());
            }
            for (MetricSpec metric : spec.getMetrics()) {
                if ("Pods".equals(metric.getType()) && (metric.getPods() == null
                        || metric.getPods().getMetric().getName() == null
                        || !"AverageValue".equals(metric.getPods().getTarget().getType())
                        || metric.getPods().getTarget().getAverageValue() == null)) {
                    problems.add(Manifest.describe(autoscaler) + ": a Pods metric needs a name and an AverageValue"
                            + " target");
                }
            }
        }
        return problems;
    }

    /** A disruption budget covers some workload's pods. */
    static List<String> disruptionBudgets(Manifest manifest) {
        List<String> problems = new ArrayList<>();
        for (PodDisruptionBudget budget : manifest.all(PodDisruptionBudget.class)) {
            if (selected(manifest, budget.getSpec().getSelector()).isEmpty()) {
                problems.add(Manifest.describe(budget) + ": the selector selects no pods");
            }
        }
        return problems;
    }

    /** The workloads whose pod templates carry every label of the selector. */
    static List<Workload> selected(Manifest manifest, Map<String, String> selector) {
        return manifest.workloads().stream()
                .filter(workload -> labels(workload).entrySet().containsAll(selector.entrySet())).toList();
    }

    static List<Workload> selected(Manifest manifest, LabelSelector selector) {
        return manifest.workloads().stream().filter(workload -> matches(selector, labels(workload))).toList();
    }

    /** A label selector (matchLabels and matchExpressions) against a set of labels; an empty selector matches all. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        Map<String, String> actual = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null && !actual.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        for (LabelSelectorRequirement requirement : selector.getMatchExpressions() == null
                ? List.<LabelSelectorRequirement>of() : selector.getMatchExpressions()) {
            String value = actual.get(requirement.getKey());
            boolean holds = switch (requirement.getOperator()) {
                case "In" -> value != null && requirement.getValues().contains(value);
                case "NotIn" -> value == null || !requirement.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    static Map<String, String> labels(Workload workload) {
        var labels = workload.template().getMetadata() == null ? null : workload.template().getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    static Stream<ContainerPort> containerPorts(PodSpec pod) {
        return pod.getContainers().stream().flatMap(container -> container.getPorts() == null ? Stream.empty()
                : container.getPorts().stream());
    }

    /** A port given by name or number reaches a declared container port. */
    static boolean reaches(IntOrString port, ContainerPort declared) {
        return port.getStrVal() != null ? port.getStrVal().equals(declared.getName())
                : Objects.equals(port.getIntVal(), declared.getContainerPort());
    }

    static Map<String, Probe> probes(Container container) {
        Map<String, Probe> probes = new java.util.LinkedHashMap<>();
        if (container.getStartupProbe() != null) {
            probes.put("startup", container.getStartupProbe());
        }
        if (container.getReadinessProbe() != null) {
            probes.put("readiness", container.getReadinessProbe());
        }
        if (container.getLivenessProbe() != null) {
            probes.put("liveness", container.getLivenessProbe());
        }
        return probes;
    }

    private static IntOrString probePort(Probe probe) {
        if (probe.getHttpGet() != null) {
            return probe.getHttpGet().getPort();
        }
        if (probe.getTcpSocket() != null) {
            return probe.getTcpSocket().getPort();
        }
        if (probe.getGrpc() != null) {
            return new IntOrString(probe.getGrpc().getPort());
        }
        return null;
    }

    static List<Container> allContainers(PodSpec pod) {
        List<Container> containers = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            containers.addAll(pod.getInitContainers());
        }
        return containers;
    }

    private static List<String> binding(Manifest manifest, Set<External> external, HasMetadata binding, RoleRef role,
            List<Subject> subjects) {
        List<String> problems = new ArrayList<>(exists(manifest, external, Manifest.describe(binding), role.getKind(),
                role.getName()));
        for (Subject subject : subjects == null ? List.<Subject>of() : subjects) {
            if ("ServiceAccount".equals(subject.getKind())) {
                if (!HelmChart.NAMESPACE.equals(subject.getNamespace())) {
                    problems.add(Manifest.describe(binding) + ": ServiceAccount subject " + subject.getName()
                            + " is in namespace " + subject.getNamespace() + ", not the release's");
                }
                problems.addAll(exists(manifest, external, Manifest.describe(binding), "ServiceAccount",
                        subject.getName()));
            }
        }
        return problems;
    }

    private static List<String> exists(Manifest manifest, Set<External> external, String owner, String kind,
            String name) {
        if (manifest.find(kind, name).isPresent() || external.contains(new External(kind, name))) {
            return List.of();
        }
        return List.of(owner + " refers to " + kind + "/" + name + ", which is neither in the manifest nor declared"
                + " as external");
    }

    private static List<String> keys(Manifest manifest, Set<External> external, String owner, String kind,
            String name, List<KeyToPath> items, Boolean optional) {
        List<String> problems = new ArrayList<>();
        if (Boolean.TRUE.equals(optional)) {
            return problems;
        }
        problems.addAll(exists(manifest, external, owner, kind, name));
        for (KeyToPath item : items == null ? List.<KeyToPath>of() : items) {
            problems.addAll(key(manifest, external, owner, kind, name, item.getKey(), optional));
        }
        return problems;
    }

    /** A key of a Secret or ConfigMap of the manifest exists; of an external one, it cannot be checked. */
    private static List<String> key(Manifest manifest, Set<External> external, String owner, String kind, String name,
            String key, Boolean optional) {
        if (Boolean.TRUE.equals(optional) || external.contains(new External(kind, name))) {
            return List.of();
        }
        var object = manifest.find(kind, name);
        if (object.isEmpty()) {
            return exists(manifest, external, owner, kind, name);
        }
        Collection<String> keys = switch (object.get()) {
            case Secret secret -> union(secret.getData(), secret.getStringData());
            case ConfigMap map -> union(map.getData(), map.getBinaryData());
            default -> Set.of();
        };
        return keys.contains(key) ? List.of()
                : List.of(owner + " reads key " + key + " of " + kind + "/" + name + ", which has only " + keys);
    }

    private static Set<String> union(Map<String, String> first, Map<String, String> second) {
        Set<String> keys = new HashSet<>();
        keys.addAll(first == null ? Set.of() : first.keySet());
        keys.addAll(second == null ? Set.of() : second.keySet());
        return keys;
    }

    static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    private static String text(IntOrString port) {
        return port.getStrVal() != null ? "'" + port.getStrVal() + "'" : String.valueOf(port.getIntVal());
    }
}
