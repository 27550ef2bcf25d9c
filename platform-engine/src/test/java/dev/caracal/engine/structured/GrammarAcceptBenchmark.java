package dev.caracal.engine.structured;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.databind.JsonNode;

/**
 * How many {@code accept} calls a second the grammar takes, in the patterns a token masker makes: plain string
 * content, all 256 bytes probed at each structural state, and a depth-first walk of a real vocabulary's byte trie
 * (Qwen3, from {@code ../shared/tokenizers/qwen3/tokenizer.json}, else a synthetic one) from a few states. Run by hand:
 * <pre>java -cp platform-engine/target/classes:platform-engine/target/test-classes:$DEPENDENCIES \
 *     dev.caracal.engine.structured.GrammarAcceptBenchmark [path/to/tokenizer.json]</pre>
 * It prints numbers and asserts nothing; timings on shared machines drift.
 */
public final class GrammarAcceptBenchmark {

    private static final String SCHEMA = """
            {"type":"object","properties":{
              "name":{"type":"string"},"nick":{"type":"string","maxLength":64},
              "age":{"type":"integer","minimum":0,"maximum":150},
              "score":{"type":"number"},
              "tags":{"type":"array","items":{"type":"string"},"maxItems":8},
              "address":{"type":"object","properties":{"street":{"type":"string"},"city":{"type":"string"}},
                "required":["city"]}},
             "required":["name","age","address"]}""";
    private static final String DOCUMENT = """
            {
              "name": "Ada Lovelace, countess",
              "nick": "ada",
              "age": 36,
              "score": 12.5,
              "tags": ["math", "poetry"],
              "address": {"street": "St James's Square", "city": "London"}
            }""";

    private GrammarAcceptBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Grammar grammar = JsonSchemaGrammar.compile(GrammarWalks.json(SCHEMA));
        System.out.printf("string content, plain ASCII:      %s%n", rate(plainString(grammar, "{\"name\":\"x")));
        System.out.printf("string content, maxLength 64:     %s%n",
                rate(plainString(grammar, "{\"name\":\"x\",\"nick\":\"")));
        System.out.printf("structure, 256 probes per state:  %s%n", rate(probes(grammar)));
        Trie trie = Trie.of(vocabulary(args));
        System.out.printf("vocabulary trie: %d tokens, %d nodes%n", trie.tokens, trie.size());
        GrammarState everything = new GrammarState() { // the trie walk alone: a state that takes every byte
            @Override
            public GrammarState accept(int unsignedByte) {
                return this;
            }

            @Override
            public boolean isComplete() {
                return true;
            }

            @Override
            public boolean isClosed() {
                return false;
            }

            @Override
            public int bytesToComplete() {
                return 0;
            }
        };
        trieWalk(trie, "baseline, every byte allowed", everything);
        Map<String, String> prefixes = new java.util.LinkedHashMap<>();
        prefixes.put("inside a string", "{\"name\":\"Ada ");
        prefixes.put("inside a maxLength string", "{\"name\":\"x\",\"nick\":\"a");
        prefixes.put("value start", "{\"name\":");
        prefixes.put("inside a bounded integer", "{\"name\":\"x\",\"age\":1");
        prefixes.put("after a string value", "{\"name\":\"x\"");
        prefixes.put("array of strings", "{\"name\":\"x\",\"age\":1,\"tags\":[\"a\",");
        for (Map.Entry<String, String> prefix : prefixes.entrySet()) {
            trieWalk(trie, prefix.getKey(), GrammarWalks.feed(grammar, prefix.getValue()));
        }
        StringBuilder wide = new StringBuilder("{\"type\":\"object\",\"properties\":{");
        for (int i = 0; i < 30; i++) {
            wide.append(i == 0 ? "" : ",").append("\"property_").append(i).append("\":{\"type\":\"integer\"}");
        }
        Grammar optional = JsonSchemaGrammar.compile(GrammarWalks.json(wide.append("}}").toString()));
        trieWalk(trie, "30 optional keys, after {", GrammarWalks.feed(optional, "{"));
    }

    private static void trieWalk(Trie trie, String name, GrammarState state) {
        {
            long calls = 0;
            long allowed = 0;
            long start = System.nanoTime();
            int rounds = 0;
            while (System.nanoTime() - start < 1_500_000_000L || rounds < 3) {
                long[] counts = trie.walk(state);
                calls += counts[0];
                allowed = counts[1];
                rounds++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("trie walk, %-30s %,d accept calls per mask, %,d tokens allowed, %.1f ms per mask, %s%n",
                    name + ":", calls / rounds, allowed, seconds * 1e3 / rounds, perSecond(calls, seconds));
        }
    }

    /** Calls and seconds of feeding plain ASCII inside a string. */
    private static double[] plainString(Grammar grammar, String prefix) {
        GrammarState inside = GrammarWalks.feed(grammar, prefix);
        byte[] text = new byte[4096];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < text.length; i++) {
            int b;
            do {
                b = 0x20 + random.nextInt(0x5F);
            } while (b == '"' || b == '\\');
            text[i] = (byte) b;
        }
        long calls = 0;
        int sink = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < 1_000_000_000L) {
            GrammarState state = inside;
            for (int i = 0; i < 60; i++) { // stays below maxLength 64 for the counting string
                state = state.accept(text[(int) (calls + i) & 4095] & 0xFF);
            }
            sink += state.hashCode();
            calls += 60;
        }
        return new double[] {calls, (System.nanoTime() - start) / 1e9, sink};
    }

    /** Calls and seconds of probing every byte at each state along a document. */
    private static double[] probes(Grammar grammar) {
        byte[] document = DOCUMENT.getBytes(StandardCharsets.UTF_8);
        List<GrammarState> states = new ArrayList<>();
        GrammarState state = grammar.start();
        for (byte b : document) {
            states.add(state);
            state = state.accept(b & 0xFF);
        }
        long calls = 0;
        int sink = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < 1_000_000_000L) {
            for (GrammarState at : states) {
                for (int b = 0; b < 256; b++) {
                    sink += at.accept(b) == null ? 0 : 1;
                }
            }
            calls += 256L * states.size();
        }
        return new double[] {calls, (System.nanoTime() - start) / 1e9, sink};
    }

    private static String rate(double[] callsAndSeconds) {
        return perSecond((long) callsAndSeconds[0], callsAndSeconds[1]);
    }

    private static String perSecond(long calls, double seconds) {
        return String.format("%,.0f accept calls/s", calls / seconds);
    }

    /** Every token's bytes: Qwen3's byte-level BPE vocabulary when the file is there, else a synthetic one. */
    private static List<byte[]> vocabulary(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "../shared/tokenizers/qwen3/tokenizer.json");
        if (!Files.exists(file)) {
            file = Path.of("../../shared/tokenizers/qwen3/tokenizer.json");
        }
        if (!Files.exists(file)) {
            System.out.println("(no tokenizer.json found: a synthetic vocabulary)");
            return synthetic();
        }
        JsonNode vocab = GrammarWalks.STRICT.readTree(file.toFile()).path("model").path("vocab");
        int[] byteOf = byteLevelDecoding();
        List<byte[]> tokens = new ArrayList<>();
        for (String piece : vocab.propertyNames()) {
            byte[] bytes = new byte[piece.length()];
            for (int i = 0; i < piece.length(); i++) {
                bytes[i] = (byte) byteOf[piece.charAt(i)];
            }
            tokens.add(bytes);
        }
        return tokens;
    }

    /** GPT-2's byte-level alphabet, backwards: the byte each stand-in character means. */
    private static int[] byteLevelDecoding() {
        int[] byteOf = new int[512];
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = b >= '!' && b <= '~' || b >= 0xA1 && b <= 0xAC || b >= 0xAE;
            byteOf[printable ? b : 256 + extra++] = b;
        }
        return byteOf;
    }

    private static List<byte[]> synthetic() {
        SplittableRandom random = new SplittableRandom(2);
        String letters = "etaoinshrdlucmfwypvbgkqjxz";
        List<byte[]> tokens = new ArrayList<>();
        for (int i = 0; i < 150_000; i++) {
            StringBuilder token = new StringBuilder(random.nextBoolean() ? " " : "");
            int length = 1 + random.nextInt(8);
            for (int j = 0; j < length; j++) {
                token.append(random.nextInt(20) == 0 ? "\",{}[]:0123456789".charAt(random.nextInt(17))
                        : letters.charAt(random.nextInt(letters.length())));
            }
            tokens.add(token.toString().getBytes(StandardCharsets.UTF_8));
        }
        return tokens;
    }

    /** A byte trie of tokens with compact child lists, walked depth first the way a masker would. */
    private static final class Trie {
        private byte[][] labels = new byte[1][0];
        private int[][] targets = new int[1][0];
        private boolean[] ends = new boolean[1];
        private int nodes = 1;
        int tokens;

        static Trie of(List<byte[]> vocabulary) {
            Trie trie = new Trie();
            for (byte[] token : vocabulary) {
                int node = 0;
                for (byte b : token) {
                    node = trie.child(node, b);
                }
                trie.ends[node] = true;
                trie.tokens++;
            }
            return trie;
        }

        private int child(int node, byte b) {
            byte[] label = labels[node];
            for (int i = 0; i < label.length; i++) {
                if (label[i] == b) {
                    return targets[node][i];
                }
            }
            if (nodes == labels.length) {
                labels = Arrays.copyOf(labels, nodes * 2);
                targets = Arrays.copyOf(targets, nodes * 2);
                ends = Arrays.copyOf(ends, nodes * 2);
            }
            labels[nodes] = new byte[0];
            targets[nodes] = new int[0];
            labels[node] = Arrays.copyOf(label, label.length + 1);
            labels[node][label.length] = b;
            targets[node] = Arrays.copyOf(targets[node], label.length + 1);
            targets[node][label.length] = nodes;
            return nodes++;
        }

        int size() {
            return nodes;
        }

        /** {accept calls, tokens allowed}. */
        long[] walk(GrammarState state) {
            long[] counts = new long[2];
            walk(0, state, counts);
            return counts;
        }

        private void walk(int node, GrammarState state, long[] counts) {
            byte[] label = labels[node];
            int[] target = targets[node];
            for (int i = 0; i < label.length; i++) {
                counts[0]++;
                GrammarState after = state.accept(label[i] & 0xFF);
                if (after != null) {
                    int child = target[i];
                    if (ends[child]) {
                        counts[1]++;
                    }
                    walk(child, after, counts);
                }
            }
        }
    }
}
