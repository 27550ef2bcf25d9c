package dev.caracal.app.server.openai;

import java.util.List;

/** {@code GET /v1/models}: the models served. */
record ModelList(String object, List<Model> data) {

    /**
     * One model.
     *
     * @param maxModelLen the most tokens one request may hold (vLLM's extension)
     */
    record Model(String id, String object, long created, String ownedBy, Integer maxModelLen) {
    }
}
