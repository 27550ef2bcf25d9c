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

    /** A new tool call id, as OpenAI writes them: {@code call_} and 24 random letters and digits. */
    static String toolCall() {
        return "call_" + alphanumeric(24);
    }

    /** A new tool call id of the 9 letters and digits that Mistral's templates require of the calls they render. */
    static String nineCharacterToolCall() {
        return alphanumeric(9);
    }

    private static String alphanumeric(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder(length);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
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
