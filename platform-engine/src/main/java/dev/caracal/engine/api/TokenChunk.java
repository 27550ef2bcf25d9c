package dev.caracal.engine.api;

import dev.caracal.engine.api.FinishReason;
import dev.caracal.engine.api.SampledToken;
import java.util.List;
import java.util.Objects;

/**
 * What one engine step produced for one request, as streamed by {@link EngineClient#generate}: the tokens sampled (one
 * per step today), the text they complete, and on the last chunk why the request ended and what it cost.
 *
 * @param requestId    the request
 * @param tokens       the new output tokens, each with its logprob and top alternatives when the request asked for
 *                     them; never a stop token (EOS, a stop token id: see {@code stopToken}); empty on a final chunk
 *                     that ends a request without output (a stop token, cancelled, failed)
 * @param text         the new text: whole UTF-8 characters only, never any part of a stop string; possibly empty
 * @param finishReason why the request ended, on the final chunk only (null before)
 * @param metrics      the request's metrics, on the final chunk only (null before)
 * @param error        what went wrong, on a final chunk with {@link FinishReason#ERROR} (null otherwise)
 * @param stopToken    on a final chunk, the stop token that ended the request (sampled and counted in the metrics, but
 *                     not output); null otherwise
 */
public record TokenChunk(String requestId, List<SampledToken> tokens, String text, FinishReason finishReason,
        RequestMetrics metrics, String error, SampledToken stopToken) {

    public TokenChunk {
        Objects.requireNonNull(requestId, "requestId");
        tokens = List.copyOf(tokens);
        Objects.requireNonNull(text, "text");
    }

    /** Whether this is the request's last chunk. */
    public boolean isFinal() {
        return finishReason != null;
    }

    /** The ids of {@link #tokens()}. */
    public int[] tokenIds() {
        int[] ids = new int[tokens.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = tokens.get(i).id();
        }
        return ids;
    }
}
