package dev.caracal.engine.api.chat;

import java.util.concurrent.ThreadLocalRandom;

/** Ids for the tool calls a reply makes, as the OpenAI API writes them. */
public final class ToolCallIds {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private ToolCallIds() {
    }

    /** A new tool call id, as OpenAI writes them: {@code call_} and 24 random letters and digits. */
    public static String openAi() {
        return "call_" + alphanumeric(24);
    }

    /** A new tool call id of the 9 letters and digits that Mistral's templates require of the calls they render. */
    public static String nineCharacters() {
        return alphanumeric(9);
    }

    private static String alphanumeric(int length) {
        StringBuilder id = new StringBuilder(length);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
