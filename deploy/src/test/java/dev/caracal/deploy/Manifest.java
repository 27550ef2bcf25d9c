package dev.caracal.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The objects of a rendered chart or a manifest file, each parsed by the fabric8 model into its typed class
 * ({@code Deployment}, {@code HTTPRoute}, ...), or into {@code GenericKubernetesResource} for kinds the model does not
 * know (custom resources such as the InferencePool).
 */
record Manifest(String text, List<HasMetadata> objects) {

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    /** A workload and the pods it makes. */
    record Workload(HasMetadata owner, PodTemplateSpec template) {
        String name() {
            return owner.getMetadata().getName();
        }
    }

    Manifest {
        objects = List.copyOf(objects);
    }

    /** Every YAML document with content (not only comments) as one object. */
    static Manifest parse(String text) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(text)) {
            boolean empty = document.lines().map(String::strip).allMatch(line -> line.isEmpty() || line.startsWith("#"));
            if (!empty) {
                objects.add(Serialization.unmarshal(document, HasMetadata.class));
            }
        }
        return new Manifest(text, objects);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst();
    }

    /** The object of this type and name; its absence fails with the names there are. */
    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name
                + " among " + all(type).stream().map(object -> object.getMetadata().getName()).toList()));
    }

    /** Objects of a kind the fabric8 model has no class for. */
    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(object -> object.getKind().equals(kind)).toList();
    }

    Optional<HasMetadata> find(String kind, String name) {
        return objects.stream().filter(object -> object.getKind().equals(kind)
                && object.getMetadata() != null && name.equals(object.getMetadata().getName())).findFirst();
    }

    /** "Kind/name" of every object, in order. */
    List<String> names() {
        return objects.stream().map(Manifest::describe).toList();
    }

    List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        for (HasMetadata object : objects) {
            switch (object) {
                case Deployment deployment -> workloads.add(new Workload(deployment, deployment.getSpec().getTemplate()));
                case StatefulSet set -> workloads.add(new Workload(set, set.getSpec().getTemplate()));
                case DaemonSet set -> workloads.add(new Workload(set, set.getSpec().getTemplate()));
                default -> {
                }
            }
        }
        return workloads;
    }

    Workload workload(String name) {
        return workloads().stream().filter(workload -> workload.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no workload named " + name + " among "
                        + workloads().stream().map(Workload::name).toList()));
    }

    static String describe(HasMetadata object) {
        return object.getKind() + "/" + (object.getMetadata() == null ? null : object.getMetadata().getName());
    }
}
