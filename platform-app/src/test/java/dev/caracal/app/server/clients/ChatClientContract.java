package dev.caracal.app.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.server.GatewayTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every real OpenAI client must get from the gateway serving stories260K: a plain chat, a streamed chat, stop
 * sequences, a token limit and seeded sampling that repeats, with greedy text equal to the engine's own output. Each
 * client's test implements {@link #chat} and {@link #streamChat} with that client's API.
 */
abstract class ChatClientContract extends GatewayTestBase {

    static final String PROMPT = "Once upon a time";

    /**
     * What a client sends besides the one user message.
     *
     * @param seed null for none
     * @param stop empty for none
     */
    record Options(int maxTokens, double temperature, Integer seed, List<String> stop) {

        static Options greedy(int maxTokens) {
            return new Options(maxTokens, 0, null, List.of());
        }

        Options withStop(String... strings) {
            return new Options(maxTokens, temperature, seed, List.of(strings));
        }

        static Options seeded(int maxTokens, int seed) {
            return new Options(maxTokens, 1.0, seed, List.of());
        }
    }

    /**
     * What a client got back.
     *
     * @param finishReason lower case: {@code stop} or {@code length}
     */
    record Reply(String text, String finishReason) {
    }

    /** One user message, answered in one response. */
    abstract Reply chat(String userMessage, Options options) throws Exception;

    /** One user message, answered as a stream, which the client joins. */
    abstract Reply streamChat(String userMessage, Options options) throws Exception;

    @Test
    void plainChatIsTheEnginesGreedyText() throws Exception {
        assertThat(chat(PROMPT, Options.greedy(40))).isEqualTo(greedyReply(40));
        assertThat(greedyReply(40).text()).startsWith(", there was a little girl named Lily.");
    }

    @Test
    void streamedChatIsTheEnginesGreedyText() throws Exception {
        assertThat(streamChat(PROMPT, Options.greedy(40))).isEqualTo(greedyReply(40));
    }

    @Test
    void stopSequencesEndTheTextBeforeThem() throws Exception {
        String full = greedyReply(40).text();
        Reply expected = new Reply(full.substring(0, full.indexOf("Lily")), "stop");
        assertThat(chat(PROMPT, Options.greedy(40).withStop("Lily", "dragon"))).isEqualTo(expected);
        assertThat(streamChat(PROMPT, Options.greedy(40).withStop("Lily", "dragon"))).isEqualTo(expected);
    }

    @Test
    void maxTokensLimitsTheCompletion() throws Exception {
        assertThat(chat(PROMPT, Options.greedy(7))).isEqualTo(greedyReply(7));
    }

    @Test
    void seededSamplingRepeats() throws Exception {
        Reply first = chat(PROMPT, Options.seeded(30, 7));
        Reply second = chat(PROMPT, Options.seeded(30, 7));
        Reply streamed = streamChat(PROMPT, Options.seeded(30, 7));
        Reply otherSeed = chat(PROMPT, Options.seeded(30, 8));
        assertThat(first.text()).isNotBlank().isEqualTo(second.text()).isEqualTo(streamed.text())
                .isNotEqualTo(otherSeed.text());
    }

    /** The engine's own greedy text for {@link #PROMPT} as a chat, cut by the token limit. */
    private Reply greedyReply(int maxTokens) {
        return new Reply(greedy(chatPrompt(PROMPT), maxTokens), "length");
    }
}
