package dev.caracal.app.server.router;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds back a worker's stream of server-sent events until one carries output (text, a tool call, a finish reason),
 * so that a worker failing before its first token can be replaced by another without the client noticing: the
 * {@code assistant} role chunk a chat stream opens with is not output. An error event before any output marks the
 * stream failed. Not thread-safe (one stream's chunks arrive in order).
 */
final class FirstTokenGate {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final List<byte[]> held = new ArrayList<>();
    private int scanned;
    private boolean open;
    private boolean failed;

    /** What may go to the client now that {@code chunk} arrived: nothing while holding, all held once open. */
    List<byte[]> offer(byte[] chunk) {
        if (open) {
            return List.of(chunk);
        }
        held.add(chunk);
        pending.writeBytes(chunk);
        scan();
        return open ? release() : List.of();
    }

    /** Opens the gate and gives what it held (the stream ended, or its events are to be sent as they are). */
    List<byte[]> release() {
        open = true;
        List<byte[]> all = List.copyOf(held);
        held.clear();
        pending.reset();
        return all;
    }

    /** Whether output passed: from then on a failure reaches the client. */
    boolean isOpen() {
        return open;
    }

    /** Whether an error event came before any output. */
    boolean failed() {
        return failed;
    }

    private void scan() {
        byte[] data = pending.toByteArray();
        int from = scanned;
        while (!open && !failed) {
            int end = eventEnd(data, from);
            if (end < 0) {
                break;
            }
            inspect(new String(data, from, end - from, StandardCharsets.UTF_8));
            from = end + 2;
        }
        scanned = from;
    }

    /** The index of the blank line that ends the event starting at {@code from}, or -1. */
    private static int eventEnd(byte[] data, int from) {
        for (int i = from; i + 1 < data.length; i++) {
            if (data[i] == '\n' && data[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void inspect(String event) {
        for (String line : event.split("\n")) {
            if (!line.startsWith("data:")) {
                continue;
            }
            String payload = line.substring("data:".length()).trim();
            if ("[DONE]".equals(payload)) {
                open = true;
                return;
            }
            JsonNode chunk;
            try {
                chunk = JSON.readTree(payload);
            } catch (JacksonException notJson) {
                open = true; // not ours to judge: pass it on
                return;
            }
            if (chunk.has("error")) {
                failed = true;
                return;
            }
            if (!chunk.path("choices").isArray() || chunk.path("choices").isEmpty() || carriesOutput(chunk)) {
                open = true;
                return;
            }
        }
    }

    private static boolean carriesOutput(JsonNode chunk) {
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode delta = choice.path("delta");
            if (!choice.path("finish_reason").isMissingNode() && !choice.path("finish_reason").isNull()
                    || !choice.path("text").asString("").isEmpty()
                    || !delta.path("content").asString("").isEmpty()
                    || !delta.path("reasoning_content").asString("").isEmpty()
                    || delta.has("tool_calls")
                    || !choice.path("logprobs").isMissingNode() && !choice.path("logprobs").isNull()) {
                return true;
            }
        }
        return false;
    }
}
