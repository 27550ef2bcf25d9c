package dev.caracal.app.cli;

import java.io.PrintWriter;

/** One {@link CountProgress} per unit of work in turn (tensors while writing, chunks while evaluating, ...). */
final class StagedProgress implements AutoCloseable {

    private final PrintWriter err;
    private final boolean shown;
    private CountProgress current;
    private String unit = "";

    StagedProgress(PrintWriter err, boolean wanted) {
        this.err = err;
        this.current = new CountProgress(err, "tensor", wanted);
        this.shown = current.shown();
    }

    boolean shown() {
        return shown;
    }

    void update(String nextUnit, int done, int total, String detail) {
        if (!nextUnit.equals(unit)) {
            current.close();
            current = new CountProgress(err, nextUnit, true);
            unit = nextUnit;
        }
        current.update(done, total, detail);
    }

    @Override
    public void close() {
        current.close();
    }
}
