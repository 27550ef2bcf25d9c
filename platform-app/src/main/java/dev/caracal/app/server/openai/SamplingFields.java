package dev.caracal.app.server.openai;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The sampling parameters the chat and the completions requests share (OpenAI's, then vLLM's extensions). */
interface SamplingFields {

    String model();

    Integer maxTokens();

    Double temperature();

    Double topP();

    Integer n();

    Boolean stream();

    StreamOptions streamOptions();

    /** A string or a list of strings. */
    JsonNode stop();

    Long seed();

    Double presencePenalty();

    Double frequencyPenalty();

    /** Token id (as a string) → bias in [-100, 100]. */
    Map<String, Double> logitBias();

    String user();

    /** Extension (vLLM): keep the K most likely tokens; 0 or -1 is off. */
    Integer topK();

    /** Extension (vLLM): drop tokens below this share of the most likely one's probability. */
    Double minP();

    /** Extension (vLLM): Hugging Face's repetition penalty, 1 is off. */
    Double repetitionPenalty();

    /** Extension (vLLM): keep generating past the model's end-of-generation tokens (benchmarks); stop tokens stop. */
    Boolean ignoreEos();

    /** {@code stream_options}: {@code include_usage} adds a last chunk with the request's usage. */
    record StreamOptions(Boolean includeUsage) {
    }
}
