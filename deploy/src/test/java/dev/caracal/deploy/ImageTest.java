package dev.caracal.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The image platform-app's image profile builds (read from its pom.xml, where Jib's configuration is) agrees with
 * bin/caracal, with the chart that runs it, and with the application it packs; bin/image-check runs the image itself.
 */
class ImageTest {

    private static final Path REPOSITORY = HelmChart.DIRECTORY.getParent().getParent().getParent();
    private static final Element JIB = jibConfiguration();

    @Test
    void theEntrypointRunsTheCommandLineWithTheFlagsBinCaracalGives() throws IOException {
        List<String> entrypoint = list(JIB, "container", "entrypoint");
        String launcher = Files.readString(REPOSITORY.resolve("bin/caracal"));

        assertThat(entrypoint.getFirst()).isEqualTo("/opt/java/bin/java");
        assertThat(entrypoint).containsSubsequence("--add-modules", "jdk.incubator.vector")
                .contains("--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC")
                .endsWith("-cp", "@/app/jib-classpath-file", "dev.caracal.app.cli.CaracalCommand");
        assertThat(launcher).contains("--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED")
                .contains("gc=\"-XX:+UseSerialGC\"");
        assertThat(Files.readString(REPOSITORY.resolve("platform-app/pom.xml")))
                .contains("<mainClass>dev.caracal.app.cli.CaracalCommand</mainClass>");
        assertThat(list(JIB, "container", "args")).containsExactly("serve", "--host", "0.0.0.0");
    }

    @Test
    void theChartRunsTheImageAsItsUserInItsWorkingDirectoryOnItsPortWithItsVolume() {
        PodSpec pod = HelmChart.render(Map.of()).get(Deployment.class, "caracal").getSpec().getTemplate().getSpec();
        Container worker = pod.getContainers().getFirst();

        assertThat(text(JIB, "container", "user")).isEqualTo(pod.getSecurityContext().getRunAsUser() + ":"
                + pod.getSecurityContext().getRunAsGroup());
        assertThat(text(JIB, "container", "workingDirectory")).isEqualTo(worker.getWorkingDir());
        assertThat(list(JIB, "container", "ports")).containsExactly(
                String.valueOf(worker.getPorts().getFirst().getContainerPort()));
        assertThat(list(JIB, "container", "volumes")).containsExactly("/models");
        assertThat(text(JIB, "container", "environment", "HF_HUB_CACHE")).isEqualTo("/models/hub");
        assertThat(text(JIB, "from", "image")).isEqualTo("${caracal.image.base}");
    }

    @Test
    void theRuntimeHasEveryModuleTheApplicationUses(@TempDir Path libraries) throws IOException {
        Path jar = REPOSITORY.resolve("platform-app/target/caracal.jar");
        assumeTrue(Files.exists(jar), "platform-app/target/caracal.jar is not built (./mvnw package builds it)");
        List<String> classPath = new ArrayList<>();
        try (ZipFile executable = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : executable.stream().toList()) {
                if (entry.getName().startsWith("BOOT-INF/lib/") && entry.getName().endsWith(".jar")) {
                    Path library = libraries.resolve(entry.getName().substring("BOOT-INF/lib/".length()));
                    try (InputStream in = executable.getInputStream(entry)) {
                        Files.copy(in, library);
                    }
                    classPath.add(library.toString());
                }
            }
        }
        // Every library is analysed, not only what the application's classes reach: the backends are found
        // through ServiceLoader.
        List<String> arguments = new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps",
                "--multi-release", "25", "--class-path", String.join(File.pathSeparator, classPath),
                REPOSITORY.resolve("platform-app/target/classes").toString()));
        arguments.addAll(classPath);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ToolProvider.findFirst("jdeps").orElseThrow().run(new PrintStream(out, true,
                StandardCharsets.UTF_8), System.err, arguments.toArray(String[]::new));
        // The answer is the line of module names; the others are warnings (split packages).
        String modules = out.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.matches("[a-z][a-z0-9.]*(,[a-z][a-z0-9.]*)*")).reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("jdeps printed no modules: " + out));
        Set<String> used = new TreeSet<>(Arrays.asList(modules.split(",")));
        Set<String> linked = Set.of(property("caracal.image.modules").split(","));

        assertThat(status).isZero();
        assertThat(used).contains("java.base", "jdk.incubator.vector");
        assertThat(linked).containsAll(used).contains("jdk.crypto.ec", "jdk.management");
    }

    private static String property(String name) {
        Element profile = (Element) JIB.getParentNode();
        while (!profile.getTagName().equals("profile")) {
            profile = (Element) profile.getParentNode();
        }
        return text(child(profile, "properties"), name);
    }

    /** The configuration of the jib-maven-plugin in platform-app's image profile. */
    private static Element jibConfiguration() {
        try {
            var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(REPOSITORY.resolve("platform-app/pom.xml").toFile());
            NodeList profiles = document.getElementsByTagName("profile");
            for (int index = 0; index < profiles.getLength(); index++) {
                Element profile = (Element) profiles.item(index);
                if (!text(profile, "id").equals("image")) {
                    continue;
                }
                NodeList plugins = profile.getElementsByTagName("plugin");
                for (int plugin = 0; plugin < plugins.getLength(); plugin++) {
                    Element candidate = (Element) plugins.item(plugin);
                    if (text(candidate, "artifactId").equals("jib-maven-plugin")) {
                        return child(candidate, "configuration");
                    }
                }
            }
        } catch (Exception failure) {
            throw new IllegalStateException("platform-app/pom.xml: " + failure.getMessage(), failure);
        }
        throw new AssertionError("platform-app/pom.xml has no profile 'image' with the jib-maven-plugin");
    }

    private static Element child(Element parent, String... path) {
        Element element = parent;
        for (String name : path) {
            Element found = null;
            for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element candidate && candidate.getTagName().equals(name)) {
                    found = candidate;
                    break;
                }
            }
            if (found == null) {
                throw new AssertionError("no <" + name + "> in <" + element.getTagName() + ">");
            }
            element = found;
        }
        return element;
    }

    private static String text(Element parent, String... path) {
        return child(parent, path).getTextContent().strip();
    }

    private static List<String> list(Element parent, String... path) {
        List<String> items = new ArrayList<>();
        for (Node node = child(parent, path).getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element item) {
                items.add(item.getTextContent().strip());
            }
        }
        return items;
    }
}
