package dev.caracal.engine.structured;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.engine.api.FinishReason;
import dev.caracal.engine.api.OutputConstraint;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.sampling.SamplingWorkspace;
import dev.caracal.engine.sampling.TokenGeneration;
import dev.caracal.formats.testing.SharedData;
import dev.caracal.formats.tokenizer.Tokenizer;
import dev.caracal.formats.tokenizer.Tokenizers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Constrained generation as the engine runs it ({@link TokenGeneration}: mask, sample, advance), with logits that know
 * nothing of JSON: random logits, so the mask alone must make every output parse and validate, with sampling and
 * greedily, on three real vocabularies, and also when the token budget runs out (the output is steered to close in
 * time and ends with {@code length}).
 */
class ConstrainedGenerationTest {

    private static final Map<String, Tokenizer> TOKENIZERS = new ConcurrentHashMap<>();

    private static Tokenizer tokenizer(String file) {
        return TOKENIZERS.computeIfAbsent(file, name -> {
            try {
                return Tokenizers.load(SharedData.require(name));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    static List<Arguments> schemasOnVocabularies() {
        List<Arguments> cases = new ArrayList<>();
        RandomWalkPropertyTest.schemas().forEach(schema -> {
            cases.add(Arguments.of(schema.get()[0], schema.get()[1], "models/stories260K.gguf", 20));
            cases.add(Arguments.of(schema.get()[0], schema.get()[1], "tokenizers/qwen3/tokenizer.json", 2));
            cases.add(Arguments.of(schema.get()[0], schema.get()[1], "tokenizers/llama3/tokenizer.json", 2));
        });
        return cases;
    }

    /** The text one generation writes after {@code prompt} with random logits (seeded), and why it ended. */
    record Output(String text, FinishReason finish, int tokens) {
    }

    static Output generate(Tokenizer tokenizer, OutputConstraint constraint, long seed, double temperature,
            int maxTokens) {
        int[] prompt = tokenizer.encode("Answer in JSON:", true, false);
        SamplingParameters parameters = SamplingParameters.builder().temperature(temperature).seed(seed)
                .maxTokens(maxTokens).constraint(constraint).build();
        TokenGeneration generation = new TokenGeneration(tokenizer, prompt, parameters, tokenizer.vocabularySize(),
                new SamplingWorkspace(), false);
        SplittableRandom random = new SplittableRandom(seed * 31 + 7);
        float[] logits = new float[tokenizer.vocabularySize()];
        StringBuilder text = new StringBuilder();
        while (true) {
            for (int i = 0; i < logits.length; i++) {
                logits[i] = (float) (random.nextGaussian() * 4);
            }
            TokenGeneration.Step step = generation.next(logits);
            text.append(step.text());
            if (step.finished()) {
                return new Output(text.toString(), step.finish(), generation.generatedCount());
            }
        }
    }

    @ParameterizedTest(name = "{0} on {2}")
    @MethodSource("schemasOnVocabularies")
    void everyOutputParsesAndValidatesWhateverTheLogits(String name, String schema, String vocabulary, int samples) {
        Tokenizer tokenizer = tokenizer(vocabulary);
        JsonNode schemaNode = GrammarWalks.json(schema);
        SchemaValidator validator = new SchemaValidator(schemaNode);
        for (int seed = 0; seed < samples; seed++) {
            double temperature = seed % 4 == 3 ? 0 : 1;
            Output output = generate(tokenizer, OutputConstraint.jsonSchema(schema), seed, temperature, 300);
            String what = name + " seed " + seed + " on " + vocabulary + ": " + output;
            JsonNode value = GrammarWalks.json(output.text());
            assertThat(validator.errors(value)).as(what).isEmpty();
            assertThat(output.finish()).as(what).isIn(FinishReason.STOP, FinishReason.LENGTH);
            assertThat(output.tokens()).as(what).isLessThanOrEqualTo(300);
        }
    }

    @Test
    void aSmallBudgetStillEndsInAValidOutputCutAtLength() {
        String schema = """
                {"type":"object","properties":{"name":{"type":"string"},"tags":{"type":"array",
                 "items":{"type":"string"}}},"required":["name","tags"],"additionalProperties":false}""";
        SchemaValidator validator = new SchemaValidator(GrammarWalks.json(schema));
        for (String vocabulary : List.of("models/stories260K.gguf", "tokenizers/qwen3/tokenizer.json")) {
            Tokenizer tokenizer = tokenizer(vocabulary);
            for (int maxTokens : new int[] {24, 30, 40}) {
                for (int seed = 0; seed < 5; seed++) {
                    Output output = generate(tokenizer, OutputConstraint.jsonSchema(schema), seed, 1, maxTokens);
                    String what = vocabulary + " max " + maxTokens + " seed " + seed + ": " + output;
                    assertThat(validator.errors(GrammarWalks.json(output.text()))).as(what).isEmpty();
                    assertThat(output.tokens()).as(what).isLessThanOrEqualTo(maxTokens);
                }
            }
        }
    }

    @Test
    /** A block of 71 bytes at least, in 90 tokens of a vocabulary whose tokens here are mostly one byte each. */
    void aToolCallBlockIsWrittenWholeWithinTheBudget() {
        Tokenizer tokenizer = tokenizer("models/stories260K.gguf");
        String call = """
                {"type":"object","properties":{"name":{"const":"get_weather"},"arguments":{"type":"object",
                 "properties":{"city":{"type":"string","maxLength":8}},"required":["city"]}},
                 "required":["name","arguments"],"additionalProperties":false}""";
        OutputConstraint block = new OutputConstraint.Repeat(OutputConstraint.sequence(
                OutputConstraint.literal("<tool_call>\n"), OutputConstraint.jsonSchema(call),
                OutputConstraint.literal("\n</tool_call>")), "\n", 1, 8);
        for (int seed = 0; seed < 10; seed++) {
            Output output = generate(tokenizer, block, seed, seed % 2, 90);
            assertThat(output.text()).as(output.toString()).startsWith("<tool_call>\n{").endsWith("}\n</tool_call>");
            for (String part : output.text().split("\n</tool_call>\n?")) {
                JsonNode value = GrammarWalks.json(part.substring(part.indexOf('{')));
                assertThat(new SchemaValidator(GrammarWalks.json(call)).errors(value)).as(output.toString()).isEmpty();
            }
        }
    }

    @Test
    void aLazyConstraintLeavesTextFreeUntilTheModelStartsACallThenFinishesItValidly() {
        Tokenizer tokenizer = tokenizer("tokenizers/qwen3/tokenizer.json");
        String call = """
                {"type":"object","properties":{"name":{"const":"add"},"arguments":{"type":"object",
                 "properties":{"a":{"type":"integer"},"b":{"type":"integer"}},"required":["a","b"],
                 "additionalProperties":false}},"required":["name","arguments"],"additionalProperties":false}""";
        OutputConstraint calls = new OutputConstraint.Repeat(OutputConstraint.sequence(
                OutputConstraint.literal("<tool_call>\n"), OutputConstraint.jsonSchema(call),
                OutputConstraint.literal("\n</tool_call>")), "\n", 1, 2);
        OutputConstraint lazy = new OutputConstraint.Triggered("<tool_call>", false, calls);
        int marker = tokenizer.encode("<tool_call>", false, true)[0];
        assertThat(tokenizer.decode(new int[] {marker})).isEqualTo("<tool_call>");
        for (int seed = 0; seed < 6; seed++) {
            // Random logits, but the marker pushed up after a few steps of free text: the model "decides" to call.
            int[] prompt = tokenizer.encode("Add 2 and 3.", true, false);
            SamplingParameters parameters = SamplingParameters.builder().temperature(1).seed((long) seed).maxTokens(200)
                    .constraint(lazy).build();
            TokenGeneration generation = new TokenGeneration(tokenizer, prompt, parameters,
                    tokenizer.vocabularySize(), new SamplingWorkspace(), false);
            SplittableRandom random = new SplittableRandom(seed);
            float[] logits = new float[tokenizer.vocabularySize()];
            StringBuilder text = new StringBuilder();
            int step = 0;
            while (true) {
                for (int i = 0; i < logits.length; i++) {
                    logits[i] = (float) (random.nextGaussian() * 4);
                }
                if (step++ >= 3) {
                    logits[marker] = 100;
                }
                TokenGeneration.Step next = generation.next(logits);
                text.append(next.text());
                if (next.finished()) {
                    break;
                }
            }
            String output = text.toString();
            int start = output.indexOf("<tool_call>");
            assertThat(start).as(output).isGreaterThan(0); // some free text first
            assertThat(generation.constraint().isActive()).isTrue();
            for (String block : output.substring(start).split("\n</tool_call>\n?")) {
                assertThat(block).as(output).startsWith("<tool_call>\n");
                JsonNode value = GrammarWalks.json(block.substring("<tool_call>\n".length()));
                assertThat(new SchemaValidator(GrammarWalks.json(call)).errors(value)).as(output).isEmpty();
            }
            assertThat(output).endsWith("</tool_call>");
        }
    }

    @Test
    void aLazyConstraintNeverTriggeredLeavesTheOutputFree() {
        Tokenizer tokenizer = tokenizer("models/stories260K.gguf");
        OutputConstraint lazy = new OutputConstraint.Triggered("<tool_call>", false,
                OutputConstraint.literal("<tool_call>x</tool_call>"));
        Output free = generate(tokenizer, lazy, 3, 1, 40);
        Output unconstrained = generate(tokenizer, null, 3, 1, 40);
        assertThat(free.text()).isEqualTo(unconstrained.text());
        OutputConstraint atStart = new OutputConstraint.Triggered("{", true, OutputConstraint.jsonObject());
        assertThat(generate(tokenizer, atStart, 3, 1, 40).text()).isEqualTo(unconstrained.text());
    }
}
