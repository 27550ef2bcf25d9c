package dev.caracal.engine.scheduler;

import java.util.List;

/**
 * What one step runs: the scheduled requests in row order (decodes first, then prefill chunks, then newly admitted
 * requests) and the requests preempted to make room.
 *
 * @param scheduled   the requests of the step and their token ranges
 * @param preempted   requests sent back to the waiting queue in this step (their blocks freed)
 * @param totalTokens the rows of the step, the sum of the scheduled token counts
 */
public record SchedulerOutput(List<ScheduledRequest> scheduled, List<RequestState> preempted, int totalTokens) {

    public SchedulerOutput {
        scheduled = List.copyOf(scheduled);
        preempted = List.copyOf(preempted);
    }

    /** Whether the step runs nothing. */
    public boolean isEmpty() {
        return scheduled.isEmpty();
    }
}
