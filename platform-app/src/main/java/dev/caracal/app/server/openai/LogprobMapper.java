package dev.caracal.app.server.openai;

import dev.caracal.engine.api.Prompts;
import dev.caracal.engine.api.SampledToken;
import dev.caracal.engine.api.TokenLogprob;
import dev.caracal.formats.tokenizer.StreamingDetokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sampled tokens' log-probabilities in the two shapes of the API: chat's list of objects and completions' lists. */
final class LogprobMapper {

    /** What a log-probability of -infinity is sent as (JSON has no infinities; vLLM sends the same). */
    private static final double FLOOR = -9999.0;

    private final Prompts encoder;
    private final int top;

    LogprobMapper(Prompts encoder, int top) {
        this.encoder = encoder;
        this.top = top;
    }

    /** Chat's {@code logprobs.content}. */
    ChatCompletionResponses.Logprobs chat(List<SampledToken> tokens) {
        List<ChatCompletionResponses.TokenLogprob> content = new ArrayList<>(tokens.size());
        for (SampledToken token : tokens) {
            List<ChatCompletionResponses.TokenLogprob> alternatives = new ArrayList<>();
            for (TokenLogprob alternative : token.topLogprobs().subList(0, Math.min(top, token.topLogprobs().size()))) {
                alternatives.add(chatToken(alternative.id(), alternative.logprob(), null));
            }
            content.add(chatToken(token.id(), token.logprob(), alternatives));
        }
        return new ChatCompletionResponses.Logprobs(content, null);
    }

    private ChatCompletionResponses.TokenLogprob chatToken(int id, double logprob,
            List<ChatCompletionResponses.TokenLogprob> alternatives) {
        byte[] bytes = encoder.tokenBytes(id);
        List<Integer> unsigned = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            unsigned.add(b & 0xff);
        }
        return new ChatCompletionResponses.TokenLogprob(encoder.tokenText(id), finite(logprob), unsigned,
                alternatives);
    }

    /** The completions {@code logprobs} of one choice whose prompt is {@code prompt}, chunk after chunk. */
    CompletionLogprobs completion(int[] prompt) {
        return new CompletionLogprobs(encoder.continuation(prompt));
    }

    /**
     * One choice's completions {@code logprobs}: each token's text is its share of the choice's text (decoded as a
     * continuation of the prompt, so a SentencePiece token keeps its leading space; a token that only starts a UTF-8
     * character has no text, and the one that ends it has the whole character), and each {@code text_offset} is where
     * that share starts in the choice's text, so that tokens, offsets and text agree.
     */
    final class CompletionLogprobs {
        private final StreamingDetokenizer detokenizer;
        private int offset;

        private CompletionLogprobs(StreamingDetokenizer detokenizer) {
            this.detokenizer = detokenizer;
        }

        /** The logprobs of the next {@code tokens} of the choice. */
        CompletionResponses.Logprobs next(List<SampledToken> tokens) {
            List<String> texts = new ArrayList<>(tokens.size());
            List<Double> logprobs = new ArrayList<>(tokens.size());
            List<Map<String, Double>> alternatives = new ArrayList<>(tokens.size());
            List<Integer> offsets = new ArrayList<>(tokens.size());
            for (SampledToken token : tokens) {
                String text = detokenizer.push(token.id());
                texts.add(text);
                logprobs.add(finite(token.logprob()));
                offsets.add(offset);
                offset += text.length();
                Map<String, Double> topOf = new LinkedHashMap<>();
                for (TokenLogprob alternative : token.topLogprobs().subList(0, Math.min(top,
                        token.topLogprobs().size()))) {
                    // The sampled token under the same text as in tokens (unless it only starts a character).
                    String key = alternative.id() == token.id() && !text.isEmpty() ? text
                            : encoder.tokenText(alternative.id());
                    topOf.putIfAbsent(key, finite(alternative.logprob()));
                }
                alternatives.add(topOf);
            }
            return new CompletionResponses.Logprobs(texts, logprobs, alternatives, offsets);
        }
    }

    private static double finite(double logprob) {
        return Double.isFinite(logprob) ? logprob : FLOOR;
    }
}
