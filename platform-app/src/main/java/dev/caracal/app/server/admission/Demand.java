package dev.caracal.app.server.admission;

/**
 * What a validated request asks of a model: one prompt length per choice (each choice is a sequence in the engine),
 * the tokens it may generate per choice, and the tokens charged to its tenant at admission.
 *
 * @param model         the model name the client sent
 * @param promptLengths the prompt tokens of each choice
 * @param maxTokens     the most tokens each choice generates
 * @param tokens        prompt tokens (each distinct prompt once) plus {@code maxTokens} for every choice
 */
public record Demand(String model, int[] promptLengths, int maxTokens, long tokens) {

    public Demand {
        promptLengths = promptLengths.clone();
        if (promptLengths.length == 0 || maxTokens < 1) {
            throw new IllegalArgumentException("a demand needs at least one choice and max tokens ≥ 1");
        }
    }

    /** The number of sequences (choices). */
    public int sequences() {
        return promptLengths.length;
    }

    /** The longest prompt. */
    public int longestPrompt() {
        int longest = 0;
        for (int length : promptLengths) {
            longest = Math.max(longest, length);
        }
        return longest;
    }
}
