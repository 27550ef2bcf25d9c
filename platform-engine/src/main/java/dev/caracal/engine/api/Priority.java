package dev.caracal.engine.api;

/**
 * A request's priority class: the scheduler serves lower classes first (in declaration order), first come first
 * served within a class, and preempts from the last class first.
 */
public enum Priority {
    /** A person is waiting on the answer (chat, completions). */
    INTERACTIVE,
    /** Offline work that may wait (batch jobs, evaluations). */
    BATCH
}
