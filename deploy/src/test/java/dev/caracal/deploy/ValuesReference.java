package dev.caracal.deploy;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chart's values as a reference table, read from values.yaml: a value is documented by a comment that starts with
 * {@code # --} right above it (continued on the comment lines that follow); a documented value stands for everything
 * nested in it. Its default is what values.yaml gives it.
 */
final class ValuesReference {

    private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z0-9_.-]+):(.*)$");
    private static final Pattern DESCRIPTION = Pattern.compile("^ *# -- (.*)$");
    private static final Pattern CONTINUATION = Pattern.compile("^ *# ?(.*)$");

    /** One documented value. */
    record Row(String path, String defaultValue, String description) {
    }

    /** The documented values in file order, and the paths of the values nothing documents. */
    record Reference(List<Row> rows, List<String> undocumented) {

        /** A Markdown table of the rows. */
        String table() {
            StringBuilder table = new StringBuilder("| value | default | description |\n|---|---|---|\n");
            for (Row row : rows) {
                table.append("| `").append(row.path()).append("` | `").append(row.defaultValue().replace("|", "\\|"))
                        .append("` | ").append(row.description().replace("|", "\\|")).append(" |\n");
            }
            return table.toString();
        }
    }

    private ValuesReference() {
    }

    static Reference read(String valuesYaml) {
        Map<String, Object> values = Serialization.unmarshal(valuesYaml, Map.class);
        List<Row> rows = new ArrayList<>();
        List<String> undocumented = new ArrayList<>();
        Deque<String[]> parents = new ArrayDeque<>();   // {indentation, key}, innermost first
        StringBuilder pending = null;
        int documentedDepth = Integer.MAX_VALUE;        // nesting depth of the documented value we are inside
        List<String> lines = valuesYaml.lines().toList();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            Matcher description = DESCRIPTION.matcher(line);
            if (description.matches()) {
                pending = new StringBuilder(description.group(1).strip());
                continue;
            }
            Matcher continuation = CONTINUATION.matcher(line);
            if (pending != null && continuation.matches()) {
                pending.append(' ').append(continuation.group(1).strip());
                continue;
            }
            Matcher key = KEY.matcher(line);
            if (!key.matches()) {
                pending = null;
                continue;
            }
            int indentation = key.group(1).length();
            while (!parents.isEmpty() && Integer.parseInt(parents.peek()[0]) >= indentation) {
                parents.pop();
            }
            if (parents.size() < documentedDepth) {
                documentedDepth = Integer.MAX_VALUE;
            }
            parents.push(new String[] {String.valueOf(indentation), key.group(2)});
            String path = String.join(".", parents.reversed().stream().map(parent -> parent[1]).toList());
            Object value = valueAt(values, path);
            if (pending != null) {
                rows.add(new Row(path, Serialization.asJson(value), pending.toString()));
                documentedDepth = Math.min(documentedDepth, parents.size());
            } else if (parents.size() <= documentedDepth && !(value instanceof Map<?, ?> map && !map.isEmpty())) {
                undocumented.add(path);
            }
            pending = null;
        }
        return new Reference(rows, undocumented);
    }

    private static Object valueAt(Map<String, Object> values, String path) {
        Object value = values;
        for (String key : path.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return value;
    }
}
