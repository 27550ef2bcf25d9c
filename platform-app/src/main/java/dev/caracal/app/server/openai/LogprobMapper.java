package dev.caracal.app.server.openai;

import dev.caracal.app.server.engine.PromptEncoder;
import dev.caracal.engine.sampling.SampledToken;
import dev.caracal.engine.sampling.TokenLogprob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sampled tokens' log-probabilities in the two shapes of the API: chat's list of objects and completions' lists. */
final class LogprobMapper {

    /** What a log-probability of -infinity is sent as (JSON has no infinities; vLLM sends the same). */
    private static final double FLOOR = -9999.0;

    private final PromptEncoder encoder;
    private final int top;

    LogprobMapper(PromptEncoder encoder, int top) {
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

    /** Completions' {@code logprobs}; {@code offset} is where the tokens' text starts in the choice's text. */
    CompletionResponses.Logprobs completion(List<SampledToken> tokens, int offset) {
        List<String> texts = new ArrayList<>(tokens.size());
        List<Double> logprobs = new ArrayList<>(tokens.size());
        List<Map<String, Double>> alternatives = new ArrayList<>(tokens.size());
        List<Integer> offsets = new ArrayList<>(tokens.size());
        int at = offset;
        for (SampledToken token : tokens) {
            String text = encoder.tokenText(token.id());
            texts.add(text);
            logprobs.add(finite(token.logprob()));
            offsets.add(at);
            at += text.length();
            Map<String, Double> topOf = new LinkedHashMap<>();
            for (TokenLogprob alternative : token.topLogprobs().subList(0, Math.min(top, token.topLogprobs().size()))) {
                topOf.putIfAbsent(encoder.tokenText(alternative.id()), finite(alternative.logprob()));
            }
            alternatives.add(topOf);
        }
        return new CompletionResponses.Logprobs(texts, logprobs, alternatives, offsets);
    }

    private static double finite(double logprob) {
        return Double.isFinite(logprob) ? logprob : FLOOR;
    }
}
