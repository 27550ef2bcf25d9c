package dev.caracal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every value of the chart is documented in values.yaml, and the chart's README has them all, as values.yaml says. */
class ChartDocumentationTest {

    private static final Path VALUES = HelmChart.DIRECTORY.resolve("values.yaml");
    private static final Path README = HelmChart.DIRECTORY.resolve("README.md");
    private static final String TABLE_START = "<!-- values: written from values.yaml by " + GeneratedFiles.COMMAND
            + " -->\n";
    private static final String TABLE_END = "<!-- end of values -->";

    @Test
    void everyValueHasADescription() throws IOException {
        var reference = ValuesReference.read(Files.readString(VALUES));

        assertThat(reference.undocumented()).isEmpty();
        assertThat(reference.rows()).hasSizeGreaterThan(50).allSatisfy(row -> assertThat(row.description())
                .as(row.path()).isNotBlank().doesNotContain("# "));
    }

    @Test
    void anUndocumentedValueIsFound() {
        var reference = ValuesReference.read("""
                # -- documented
                a: 1
                b:
                  # -- documented, with its children
                  c:
                    d: 2
                  e: {}
                f: [1]
                """);

        assertThat(reference.rows()).extracting(ValuesReference.Row::path).containsExactly("a", "b.c");
        assertThat(reference.rows().get(1).defaultValue()).isEqualTo("{\"d\":2}");
        assertThat(reference.undocumented()).containsExactly("b.e", "f");
    }

    @Test
    void theReadmeTableIsTheOneValuesYamlGives() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf(TABLE_START);
        int end = readme.indexOf(TABLE_END);
        assertThat(start).as("README.md marks its values table with " + TABLE_START.strip()).isNotNegative();
        String expected = readme.substring(0, start + TABLE_START.length())
                + ValuesReference.read(Files.readString(VALUES)).table() + readme.substring(end);

        assertThat(GeneratedFiles.current(README, expected)).as("run " + GeneratedFiles.COMMAND).isEqualTo(expected);
    }
}
