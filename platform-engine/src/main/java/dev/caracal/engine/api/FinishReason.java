package dev.caracal.engine.api;

/** Why a request's generation ended. */
public enum FinishReason {
    /** A stop string or a stop token (EOS, EOT, one of {@link SamplingParameters#stopTokenIds()}) ended it. */
    STOP,
    /** It generated {@link SamplingParameters#maxTokens()} tokens, or filled the context window. */
    LENGTH,
    /** The client cancelled it (for example, disconnected). */
    CANCELLED,
    /** The engine failed while running it. */
    ERROR
}
