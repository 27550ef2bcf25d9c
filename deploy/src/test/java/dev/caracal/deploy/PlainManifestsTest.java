package dev.caracal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.deploy.ManifestChecks.External;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * deploy/kubernetes: the chart rendered for whoever deploys without Helm, once with the defaults and once with each
 * example values file of deploy/helm/examples; each is what the chart renders now, and passes every check.
 */
class PlainManifestsTest {

    private static final Path EXAMPLES = HelmChart.DIRECTORY.resolveSibling("examples");

    static Stream<Arguments> manifests() {
        return Stream.of(Arguments.of("caracal.yaml", null), Arguments.of("caracal-inference-gateway.yaml",
                "inference-gateway.yaml"), Arguments.of("caracal-router.yaml", "router.yaml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void eachPlainManifestIsTheChartRenderedNow(String file, String examples) throws IOException {
        Map<String, Object> values = examples == null ? Map.of()
                : Serialization.unmarshal(Files.readString(EXAMPLES.resolve(examples)), Map.class);
        String expected = header(examples) + HelmChart.template(HelmChart.RELEASE, values);
        Path path = HelmChart.PLAIN_MANIFESTS.resolve(file);

        assertThat(GeneratedFiles.current(path, expected)).as("run " + GeneratedFiles.COMMAND).isEqualTo(expected);
        assertThat(ManifestChecks.problems(Manifest.parse(Files.readString(path)),
                Set.of(new External("Gateway", "inference-gateway")))).isEmpty();
    }

    private static String header(String examples) {
        return "# Caracal on Kubernetes without Helm: deploy/helm/caracal rendered as release \"" + HelmChart.RELEASE
                + "\" in namespace " + HelmChart.NAMESPACE + "\n# with " + (examples == null ? "its default values"
                : "deploy/helm/examples/" + examples) + ". Written by " + GeneratedFiles.COMMAND + "; do not edit"
                + " (change the chart's values instead).\n# kubectl apply -f this file; docs/SCALING.md says what each"
                + " part is.\n";
    }
}
