package dev.caracal.backend.xla.hlo;

/** A program the parser rejects: the message names the line (1-based) and what was wrong or expected there. */
public final class StableHloSyntaxException extends IllegalArgumentException {

    private final int line;
    private final String problem;

    public StableHloSyntaxException(int line, String problem) {
        super(line > 0 ? "line " + line + ": " + problem : problem);
        this.line = line;
        this.problem = problem;
    }

    /** The 1-based line number, 0 where the text was not a program's line. */
    public int line() {
        return line;
    }

    /** The message without the line number. */
    public String problem() {
        return problem;
    }
}
