package dev.caracal.engine.model;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.tensor.Tensor;
import dev.caracal.formats.ModelConfig;

/**
 * The activation tensors of one step, allocated once for the largest batch and viewed at each step's size, so a step
 * allocates nothing on the device.
 */
public final class StepBuffers {

    final int maxRows;
    final int maxLogitRows;
    final Tensor hidden;          // [rows, dim]: the residual stream
    final Tensor normalized;      // [rows, dim]
    final Tensor query;           // [rows, heads * headSize]
    final Tensor key;             // [rows, kvHeads * headSize]
    final Tensor value;           // [rows, kvHeads * headSize]
    final Tensor attention;       // [rows, heads * headSize]
    final Tensor projected;       // [rows, dim]
    final Tensor gate;            // [rows, ffn]
    final Tensor up;              // [rows, ffn]
    private final Backend backend;
    private final ModelConfig config;
    private Tensor logitRows;     // [logit rows, dim], grown on demand
    private Tensor logits;        // [logit rows, vocabulary], grown on demand

    private final Step[] stepsByRows;

    StepBuffers(Backend backend, ModelConfig config, int maxRows, int maxLogitRows) {
        this.backend = backend;
        this.config = config;
        this.maxRows = maxRows;
        this.maxLogitRows = maxLogitRows;
        int dim = config.embeddingLength();
        int queryWidth = config.headCount() * config.keyLength();
        int kvWidth = config.headCountKv() * config.keyLength();
        hidden = backend.allocate(maxRows, dim);
        normalized = backend.allocate(maxRows, dim);
        query = backend.allocate(maxRows, queryWidth);
        key = backend.allocate(maxRows, kvWidth);
        value = backend.allocate(maxRows, kvWidth);
        attention = backend.allocate(maxRows, queryWidth);
        projected = backend.allocate(maxRows, dim);
        gate = backend.allocate(maxRows, config.feedForwardLength());
        up = backend.allocate(maxRows, config.feedForwardLength());
        stepsByRows = new Step[maxRows + 1];
    }

    /** Views of the first {@code rows} rows of every per-token buffer, cached per size. */
    Step step(int rows) {
        if (rows <= 0 || rows > maxRows) {
            throw new IllegalArgumentException("a step of " + rows + " tokens; at most " + maxRows);
        }
        Step step = stepsByRows[rows];
        if (step == null) {
            step = new Step(hidden.slice(0, rows), normalized.slice(0, rows), query.slice(0, rows),
                    key.slice(0, rows), value.slice(0, rows), attention.slice(0, rows), projected.slice(0, rows),
                    gate.slice(0, rows), up.slice(0, rows));
            stepsByRows[rows] = step;
        }
        return step;
    }

    /** {@code [rows, dim]}: where the rows that need logits are gathered. */
    Tensor logitRows(int rows) {
        growLogits(rows);
        return logitRows.slice(0, rows);
    }

    /** {@code [rows, vocabulary]}: the logits of the gathered rows. */
    Tensor logits(int rows) {
        growLogits(rows);
        return logits.slice(0, rows);
    }

    private void growLogits(int rows) {
        if (rows <= 0 || rows > maxLogitRows) {
            throw new IllegalArgumentException("logits for " + rows + " rows; at most " + maxLogitRows);
        }
        if (logits == null || logits.rows() < rows) {
            int capacity = Math.min(maxLogitRows, Math.max(rows, logits == null ? 1 : 2 * logits.rows()));
            logitRows = backend.allocate(capacity, config.embeddingLength());
            logits = backend.allocate(capacity, config.vocabularySize());
        }
    }

    /** One step's views. */
    record Step(Tensor hidden, Tensor normalized, Tensor query, Tensor key, Tensor value, Tensor attention,
            Tensor projected, Tensor gate, Tensor up) {
    }
}
