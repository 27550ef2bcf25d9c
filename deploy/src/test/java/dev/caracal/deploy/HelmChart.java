package dev.caracal.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The chart in deploy/helm/caracal, rendered and linted by Helm itself (helm-java: Helm's Go library in process). */
final class HelmChart {

    /** The release name the plain manifests and most tests use; the namespace is always {@code default}. */
    static final String RELEASE = "caracal";
    static final String NAMESPACE = "default";

    private static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path DIRECTORY = MODULE.resolve("helm/caracal");
    static final Path PLAIN_MANIFESTS = MODULE.resolve("kubernetes");

    private HelmChart() {
    }

    /** {@code helm template RELEASE deploy/helm/caracal -f VALUES}: the chart's objects for these values. */
    static Manifest render(Map<String, ?> values) {
        return render(RELEASE, values);
    }

    static Manifest render(String release, Map<String, ?> values) {
        return Manifest.parse(template(release, values));
    }

    /** The text {@code helm template} prints; a value the chart refuses (its {@code fail}) is an exception. */
    static String template(String release, Map<String, ?> values) {
        Path valuesFile = null;
        try {
            valuesFile = Files.createTempFile("caracal-values", ".yaml");
            Files.writeString(valuesFile, Serialization.asYaml(values));
            return new Helm(DIRECTORY).template().withName(release).withNamespace(NAMESPACE)
                    .withValuesFile(valuesFile).call();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } finally {
            if (valuesFile != null) {
                try {
                    Files.deleteIfExists(valuesFile);
                } catch (IOException ignored) {
                    // A temporary file left behind.
                }
            }
        }
    }

    /** {@code helm lint --strict}: the chart's own structure (Chart.yaml, values, templates with default values). */
    static LintResult lint() {
        return new Helm(DIRECTORY).lint().strict().call();
    }
}
