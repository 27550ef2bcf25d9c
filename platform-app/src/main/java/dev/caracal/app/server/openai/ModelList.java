package dev.caracal.app.server.openai;

import java.util.List;

/** {@code GET /v1/models}: the models served. */
public record ModelList(String object, List<Model> data) {

    /**
     * One model.
     *
     * @param maxModelLen the most tokens one request may hold (vLLM's extension)
     */
    public record Model(String id, String object, long created, String ownedBy, Integer maxModelLen) {

        /** The card of the model served as {@code id}. */
        public static Model of(String id, Integer maxModelLen) {
            return new Model(id, "model", OpenAiIds.created(), "caracal", maxModelLen);
        }
    }
}
