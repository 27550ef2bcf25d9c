package dev.caracal.formats.tokenizer;

import tools.jackson.databind.JsonNode;

/** Reads one entry of a {@code tokenizer.json} BPE {@code merges} list, in either of its two spellings. */
final class TokenizerJsonMerges {

    private TokenizerJsonMerges() {
    }

    /**
     * The two pieces of a merge written as {@code "a b"} (older files) or {@code ["a", "b"]} (newer files, where pieces
     * may contain spaces), or null when the entry is neither.
     */
    static String[] pieces(JsonNode merge) {
        if (merge.isString()) {
            String line = merge.stringValue();
            int space = line.indexOf(' ', 1);
            if (space < 0 || space == line.length() - 1 || line.indexOf(' ', space + 1) >= 0) {
                return null;
            }
            return new String[] {line.substring(0, space), line.substring(space + 1)};
        }
        if (merge.isArray() && merge.size() == 2 && merge.get(0).isString() && merge.get(1).isString()) {
            return new String[] {merge.get(0).stringValue(), merge.get(1).stringValue()};
        }
        return null;
    }
}
