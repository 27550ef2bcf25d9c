package dev.caracal.formats.toolcall;

import java.util.List;

/** How a model family marks its reasoning in a reply, as its chat template shows. */
public enum ReasoningFormat {

    /** The reply has no reasoning part. */
    NONE(List.of()),
    /** Qwen3, DeepSeek R1: {@code <think>…</think>} at the start of the reply. */
    THINK_TAGS(List.of(ReasoningSplitter.OPEN, ReasoningSplitter.CLOSE));

    private final List<String> markers;

    ReasoningFormat(List<String> markers) {
        this.markers = markers;
    }

    /** {@link #THINK_TAGS} where the template mentions {@code </think>}, else {@link #NONE} (also for no template). */
    public static ReasoningFormat detect(String templateSource) {
        return templateSource != null && templateSource.contains(ReasoningSplitter.CLOSE) ? THINK_TAGS : NONE;
    }

    /**
     * Whether a reply to {@code renderedPrompt} begins inside reasoning: the prompt's last {@code <think>} comes after
     * its last {@code </think>} (DeepSeek R1's templates end the prompt with {@code <think>\n}). Always false for
     * {@link #NONE}.
     */
    public boolean startsInsideReasoning(String renderedPrompt) {
        return this == THINK_TAGS
                && renderedPrompt.lastIndexOf(ReasoningSplitter.OPEN) > renderedPrompt.lastIndexOf(ReasoningSplitter.CLOSE);
    }

    /** The tags, which tokenizers often hold as special tokens that detokenization must write out as text. */
    public List<String> markers() {
        return markers;
    }
}
