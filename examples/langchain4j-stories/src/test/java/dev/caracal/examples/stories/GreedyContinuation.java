package dev.caracal.examples.stories;

import dev.caracal.engine.api.EngineOptions;
import dev.caracal.engine.api.FinishReason;
import dev.caracal.engine.api.LocalEngine;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.api.TokenChunk;
import dev.caracal.formats.template.ChatMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The oracle: the engine's own greedy answer to a one-message chat, run on the model file directly. */
final class GreedyContinuation implements AutoCloseable {

    /** What the engine generated: its text, its number of tokens. */
    record Continuation(String text, int tokens) {
    }

    private final LocalEngine engine;

    GreedyContinuation(Path model) throws IOException {
        // 64 MB of KV cache, as the demo deployment has: the default is sized from free memory and slow to allocate.
        engine = LocalEngine.open(model, EngineOptions.defaults().withKvCacheBytes(64L << 20));
    }

    Continuation of(String prompt, int maxTokens) {
        var sampling = SamplingParameters.greedy().toBuilder().maxTokens(maxTokens).build();
        List<TokenChunk> chunks = engine.chat(List.of(ChatMessage.user(prompt)), sampling).collectList().block();
        TokenChunk last = chunks.getLast();
        if (last.finishReason() == FinishReason.ERROR) {
            throw new IllegalStateException("the engine failed on \"" + prompt + "\": " + last.error());
        }
        return new Continuation(chunks.stream().map(TokenChunk::text).reduce("", String::concat),
                chunks.stream().mapToInt(chunk -> chunk.tokens().size()).sum());
    }

    @Override
    public void close() {
        engine.close();
    }
}
