package dev.caracal.engine.scheduler;

import dev.caracal.engine.api.Priority;
import dev.caracal.engine.kv.BlockHashChain;
import java.util.Arrays;

/**
 * What the scheduler knows of one request (vLLM v1's request): its tokens (prompt, then generated) and how many of
 * them have their KV computed. There are no prefill and decode phases: a step computes some of the
 * {@code numTokens() - numComputedTokens()} tokens still to compute; when it computes the last of them the request's
 * next token is sampled and appended. Preemption sets {@code numComputedTokens} back to 0 and keeps the tokens, so the
 * request recomputes its prompt and what it generated, then goes on. Changed on the engine thread only.
 */
public final class RequestState {

    /** Where the request is. */
    public enum Status {
        /** In the waiting queue: new, or preempted. */
        WAITING,
        /** Holding KV blocks and scheduled each step. */
        RUNNING,
        /** Done (finished, cancelled or failed); its blocks are freed. */
        FINISHED
    }

    private final String requestId;
    private final Priority priority;
    private final int promptLength;
    private final BlockHashChain blockHashes;
    private int[] tokens;
    private int numTokens;
    private int numComputedTokens;
    private int numCachedTokens = -1;
    private int preemptions;
    private long arrival = -1;
    private Status status = Status.WAITING;
    private boolean paused;

    /**
     * @param blockHashes the chain that hashes this request's full blocks (with its cache salt)
     */
    public RequestState(String requestId, int[] prompt, Priority priority, BlockHashChain blockHashes) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("request " + requestId + " has an empty prompt");
        }
        this.requestId = requestId;
        this.priority = priority;
        this.promptLength = prompt.length;
        this.blockHashes = blockHashes;
        this.tokens = Arrays.copyOf(prompt, prompt.length + 64);
        this.numTokens = prompt.length;
        blockHashes.update(tokens, numTokens);
    }

    public String requestId() {
        return requestId;
    }

    public Priority priority() {
        return priority;
    }

    /** The order in which the scheduler received the request (FCFS within a priority class). */
    public long arrival() {
        return arrival;
    }

    public Status status() {
        return status;
    }

    /**
     * Whether the request waits for its reader: its output buffer is full, so the scheduler passes over it (it keeps
     * its KV blocks and costs no compute) until the engine clears the flag.
     */
    public boolean isPaused() {
        return paused;
    }

    /** Set by the engine before each step from the request's output buffer. */
    public void setPaused(boolean value) {
        paused = value;
    }

    /** Prompt and generated tokens. */
    public int numTokens() {
        return numTokens;
    }

    /** Tokens of the prompt. */
    public int numPromptTokens() {
        return promptLength;
    }

    /** Tokens whose KV is computed (and cached in the request's blocks). */
    public int numComputedTokens() {
        return numComputedTokens;
    }

    /** Prompt tokens found in the prefix cache when the request was first scheduled; -1 before that. */
    public int numCachedTokens() {
        return numCachedTokens;
    }

    /** How many times the request was preempted. */
    public int preemptions() {
        return preemptions;
    }

    /** The token at {@code index} (prompt first). */
    public int token(int index) {
        if (index < 0 || index >= numTokens) {
            throw new IndexOutOfBoundsException("token " + index + " of " + numTokens);
        }
        return tokens[index];
    }

    /** Copies tokens {@code [from, from + count)} into {@code destination} at {@code at}. */
    public void copyTokens(int from, int count, int[] destination, int at) {
        if (from < 0 || count < 0 || from + count > numTokens) {
            throw new IndexOutOfBoundsException("tokens [" + from + ", " + (from + count) + ") of " + numTokens);
        }
        System.arraycopy(tokens, from, destination, at, count);
    }

    /** Appends a generated token (after the step that computed every earlier one). */
    public void appendToken(int token) {
        if (numTokens == tokens.length) {
            tokens = Arrays.copyOf(tokens, tokens.length * 2);
        }
        tokens[numTokens++] = token;
        blockHashes.update(tokens, numTokens);
    }

    /** The hashes of the request's full blocks. */
    public BlockHashChain blockHashes() {
        return blockHashes;
    }

    void arrived(long order) {
        arrival = order;
    }

    void startRunning(int cachedTokens) {
        status = Status.RUNNING;
        numComputedTokens = cachedTokens;
        if (numCachedTokens < 0) {
            numCachedTokens = cachedTokens;
        }
    }

    void computed(int count) {
        numComputedTokens += count;
    }

    void preempted() {
        status = Status.WAITING;
        numComputedTokens = 0;
        preemptions++;
    }

    void finished() {
        status = Status.FINISHED;
    }

    @Override
    public String toString() {
        return requestId + " (" + status + ", " + numComputedTokens + "/" + numTokens + " tokens computed)";
    }
}
