package dev.caracal.app.server.openai;

import dev.caracal.engine.api.FinishReason;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Response ids, creation times and finish reasons as the OpenAI API writes them. */
final class OpenAiIds {

    private OpenAiIds() {
    }

    /** A new response id: the prefix and 24 random hex digits. */
    static String next(String prefix) {
        byte[] random = new byte[12];
        ThreadLocalRandom.current().nextBytes(random);
        return prefix + HexFormat.of().formatHex(random);
    }

    /** Now, in seconds since the epoch. */
    static long created() {
        return System.currentTimeMillis() / 1000;
    }

    /** {@code stop} or {@code length}; null before the end. */
    static String finishReason(FinishReason reason) {
        return finishReason(reason, false);
    }

    /** As {@link #finishReason(FinishReason)}, and {@code tool_calls} for a reply that stopped after calling tools. */
    static String finishReason(FinishReason reason, boolean calledTools) {
        return reason == null ? null : switch (reason) {
            case STOP -> calledTools ? "tool_calls" : "stop";
            case LENGTH -> "length";
            case CANCELLED -> "abort";
            case ERROR -> "error";
        };
    }
}
