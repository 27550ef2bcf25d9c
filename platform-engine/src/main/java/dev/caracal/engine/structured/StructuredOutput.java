package dev.caracal.engine.structured;

import dev.caracal.engine.api.OutputConstraint;
import dev.caracal.formats.tokenizer.Tokenizer;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Constrained decoding on one tokenizer: compiles {@link OutputConstraint}s into grammars (each distinct constraint
 * once) and starts a request's {@link ConstrainedDecoding} over the tokenizer's {@link VocabularyTrie}, which is built
 * once, at the first constrained request. Thread-safe.
 */
public final class StructuredOutput {

    private static final Map<Tokenizer, StructuredOutput> BY_TOKENIZER = new WeakHashMap<>();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int GRAMMAR_CACHE_LIMIT = 256;
    private static final ExecutorService MASKS = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "caracal-grammar-masks");
        thread.setDaemon(true);
        return thread;
    });

    private final Tokenizer tokenizer;
    private volatile VocabularyTrie trie;
    private volatile PlainTokens plain;
    private final Map<OutputConstraint, Grammar> grammars = new ConcurrentHashMap<>();
    private final Map<Set<Integer>, TokenMasker> maskers = new ConcurrentHashMap<>();

    private StructuredOutput(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** The constrained decoding of {@code tokenizer}'s model (one per tokenizer instance). */
    public static synchronized StructuredOutput of(Tokenizer tokenizer) {
        return BY_TOKENIZER.computeIfAbsent(tokenizer, StructuredOutput::new);
    }

    /**
     * What constrained decoding has cost the engine threads in this process so far.
     *
     * @param masks how many steps asked for a mask
     * @param nanos the time those steps spent getting it (a cached or prefetched mask costs a lookup; one computed on
     *              the spot costs a trie walk)
     */
    public record MaskStatistics(long masks, long nanos) {

        /** The mean time per step, in microseconds. */
        public double microsPerMask() {
            return masks == 0 ? 0 : nanos / 1e3 / masks;
        }

        /** The statistics since {@code earlier}. */
        public MaskStatistics since(MaskStatistics earlier) {
            return new MaskStatistics(masks - earlier.masks, nanos - earlier.nanos);
        }
    }

    /** The mask time of every constrained request in this process so far. */
    public static MaskStatistics maskStatistics() {
        return new MaskStatistics(ConstrainedDecoding.ALL_MASKS.sum(), ConstrainedDecoding.ALL_MASK_NANOS.sum());
    }

    /**
     * The grammar of {@code constraint}, compiled once.
     *
     * @throws IllegalArgumentException when a schema is not JSON, uses a keyword outside the supported subset (an
     *     {@link UnsupportedSchemaException} naming it) or admits no value
     */
    public Grammar compile(OutputConstraint constraint) {
        if (constraint instanceof OutputConstraint.Triggered triggered) {
            return compile(triggered.grammar());
        }
        Grammar grammar = grammars.get(constraint);
        if (grammar == null) {
            grammar = build(constraint);
            if (grammars.size() >= GRAMMAR_CACHE_LIMIT) {
                grammars.clear();
            }
            grammars.put(constraint, grammar);
        }
        return grammar;
    }

    /**
     * A request's constrained decoding.
     *
     * @param preserved control tokens the output may contain as their text (tool-call markers)
     * @param endOfGeneration tokens that end the output once it is complete
     * @throws IllegalArgumentException as {@link #compile}
     */
    public ConstrainedDecoding start(OutputConstraint constraint, Set<Integer> preserved, Set<Integer> endOfGeneration) {
        TokenMasker masker = maskers.computeIfAbsent(key(preserved, endOfGeneration),
                key -> new TokenMasker(trie(), plain(), preserved, endOfGeneration));
        if (constraint instanceof OutputConstraint.Triggered triggered) {
            return new ConstrainedDecoding(masker, compile(triggered.grammar()), MASKS,
                    triggered.trigger().getBytes(java.nio.charset.StandardCharsets.UTF_8), triggered.atStartOnly());
        }
        return new ConstrainedDecoding(masker, compile(constraint), MASKS, null, false);
    }

    private static Set<Integer> key(Set<Integer> preserved, Set<Integer> endOfGeneration) {
        // Preserved ids are ≥ 0; end-of-generation ids are stored as -1 - id so the two sets share one key.
        Set<Integer> key = new java.util.HashSet<>(preserved);
        endOfGeneration.forEach(id -> key.add(-1 - id));
        return Set.copyOf(key);
    }

    private PlainTokens plain() {
        PlainTokens built = plain;
        if (built == null) {
            synchronized (this) {
                built = plain;
                if (built == null) {
                    built = new PlainTokens(tokenizer);
                    plain = built;
                }
            }
        }
        return built;
    }

    private VocabularyTrie trie() {
        VocabularyTrie built = trie;
        if (built == null) {
            synchronized (this) {
                built = trie;
                if (built == null) {
                    built = new VocabularyTrie(tokenizer);
                    trie = built;
                }
            }
        }
        return built;
    }

    private static Grammar build(OutputConstraint constraint) {
        return switch (constraint) {
            case OutputConstraint.JsonObject object -> JsonSchemaGrammar.anyObject();
            case OutputConstraint.JsonSchema schema -> JsonSchemaGrammar.compile(parse(schema.schemaJson()));
            case OutputConstraint.Literal literal -> Grammars.literal(literal.text());
            case OutputConstraint.Sequence sequence -> Grammars.sequence(sequence.parts().stream()
                    .map(StructuredOutput::build).toArray(Grammar[]::new));
            case OutputConstraint.AnyOf anyOf -> Grammars.anyOf(anyOf.alternatives().stream()
                    .map(StructuredOutput::build).toArray(Grammar[]::new));
            case OutputConstraint.Repeat repeat -> Grammars.repeat(build(repeat.item()), repeat.separator(),
                    repeat.min(), repeat.max());
            case OutputConstraint.TextUntil text -> Grammars.textUntil(text.marker(), text.maxBytes());
            case OutputConstraint.Triggered triggered -> throw new IllegalArgumentException(
                    "a triggered constraint can only be the whole constraint, not a part of one");
        };
    }

    /** The most values a schema may hold in all (its JSON nodes), so that no request's grammar can stall a step. */
    static final int MAX_SCHEMA_NODES = 20_000;
    /**
     * The most alternatives of one {@code anyOf}/{@code oneOf}: alternatives that stay alive together (objects that
     * begin alike) multiply the cost of a mask (64 objects with a free string first: about a second per new state on
     * a 150k vocabulary, on this project's 2-core machine).
     */
    static final int MAX_ALTERNATIVES = 64;
    /** The most values of one {@code enum} (literals, which part at their first differing byte). */
    static final int MAX_ENUM_VALUES = 1_024;

    private static JsonNode parse(String schemaJson) {
        JsonNode schema;
        try {
            schema = JSON.readTree(schemaJson);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the JSON schema is not valid JSON: " + e.getOriginalMessage());
        }
        int[] nodes = new int[1];
        checkSize(schema, "#", nodes);
        return schema;
    }

    /** Refuses a schema too large to enforce cheaply: a grammar's cost per step grows with its live alternatives. */
    private static void checkSize(JsonNode node, String at, int[] nodes) {
        if (++nodes[0] > MAX_SCHEMA_NODES) {
            throw new IllegalArgumentException("the JSON schema is too large to enforce: more than " + MAX_SCHEMA_NODES
                    + " values");
        }
        if (node.isObject()) {
            for (String keyword : java.util.List.of("anyOf", "oneOf", "enum")) {
                JsonNode list = node.get(keyword);
                int most = keyword.equals("enum") ? MAX_ENUM_VALUES : MAX_ALTERNATIVES;
                if (list != null && list.isArray() && list.size() > most) {
                    throw new IllegalArgumentException("JSON schema keyword '" + keyword + "' at " + at + " has "
                            + list.size() + " entries; at most " + most + " can be enforced");
                }
            }
            for (var property : node.properties()) {
                checkSize(property.getValue(), at + "/" + property.getKey(), nodes);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkSize(node.get(i), at + "/" + i, nodes);
            }
        }
    }
}
