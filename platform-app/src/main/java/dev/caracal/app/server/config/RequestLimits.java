package dev.caracal.app.server.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on the shape of one OpenAI request, under {@code caracal.limits}; a request over one is refused with a 400
 * (413 for the body) that names the limit. The prompt and {@code max_tokens} are also bounded by the model's
 * context.
 *
 * @param maxRequestSize the largest request body; a larger one is refused before it is read, or as soon as it
 *                       passes the limit when its length is not declared
 * @param maxMessages    messages in one chat request
 * @param maxChoices     choices in one request: {@code n}, and {@code n} times the prompts of a completions batch
 * @param maxStop        stop strings
 * @param maxStopLength  characters of one stop string
 * @param maxLogitBias   entries of {@code logit_bias}
 * @param maxTokens      {@code max_tokens} (and the default of a chat completion); 0 for the model's context
 * @param streamStallTimeout how long a response may wait, its output buffer full, for a client that does not read;
 *                       then the connection is closed and the request cancelled (its KV blocks freed). While the
 *                       buffer is full the request is paused: it keeps its KV blocks and costs no compute
 */
@ConfigurationProperties("caracal.limits")
public record RequestLimits(
        @DefaultValue("1MB") DataSize maxRequestSize,
        @DefaultValue("256") int maxMessages,
        @DefaultValue("16") int maxChoices,
        @DefaultValue("4") int maxStop,
        @DefaultValue("256") int maxStopLength,
        @DefaultValue("300") int maxLogitBias,
        @DefaultValue("0") int maxTokens,
        @DefaultValue("30s") Duration streamStallTimeout) {

    public RequestLimits {
        if (maxRequestSize.toBytes() < 1 || maxRequestSize.toBytes() > Integer.MAX_VALUE - 8 || maxMessages < 1
                || maxChoices < 1 || maxStop < 0 || maxStopLength < 1 || maxLogitBias < 0 || maxTokens < 0
                || streamStallTimeout.isNegative() || streamStallTimeout.isZero()) {
            throw new IllegalArgumentException("caracal.limits: max-request-size must be between 1 byte and 2 GB,"
                    + " max-messages, max-choices and max-stop-length at least 1, stream-stall-timeout positive,"
                    + " the others at least 0");
        }
    }
}
