package dev.caracal.engine.structured;

import java.util.ArrayList;
import java.util.List;

/** Builds the grammar of a JSON array: items by position first (a tuple's prefix), then items of one schema. */
final class ArrayGrammar {

    private ArrayGrammar() {
    }

    /**
     * {@code [..]} with {@code prefix.get(i)} as item {@code i}, then {@code rest} for the items after the prefix
     * (null: none), {@code minItems} to {@code maxItems} ({@link RepeatElement#UNBOUNDED} for no limit) items in all.
     */
    static Element of(List<Element> prefix, Element rest, int minItems, int maxItems) {
        Element open = new SequenceElement(JsonTokens.OPEN_ARRAY, JsonTokens.WHITESPACE);
        List<Element> body = new ArrayList<>();
        if (minItems == 0) {
            body.add(JsonTokens.CLOSE_ARRAY);
        }
        Element firstItem = prefix.isEmpty() ? rest : prefix.getFirst();
        if (maxItems > 0 && firstItem != null) {
            body.add(new SequenceElement(firstItem, after(1, prefix, rest, minItems, maxItems)));
        }
        return new SequenceElement(open, choice(body));
    }

    /** What may follow once {@code written} items are written. */
    private static Element after(int written, List<Element> prefix, Element rest, int minItems, int maxItems) {
        Element close = new SequenceElement(JsonTokens.WHITESPACE, JsonTokens.CLOSE_ARRAY);
        if (written >= prefix.size()) {
            if (rest == null) {
                return written >= minItems ? close : JsonTokens.NOTHING;
            }
            int more = maxItems == RepeatElement.UNBOUNDED ? maxItems : maxItems - written;
            Element item = new SequenceElement(JsonTokens.COMMA, JsonTokens.WHITESPACE, rest);
            return new SequenceElement(new RepeatElement(item, null, Math.max(0, minItems - written), more), close);
        }
        List<Element> choices = new ArrayList<>();
        if (written >= minItems) {
            choices.add(close);
        }
        if (written < maxItems) {
            choices.add(new SequenceElement(JsonTokens.COMMA, JsonTokens.WHITESPACE, prefix.get(written),
                    after(written + 1, prefix, rest, minItems, maxItems)));
        }
        return choice(choices);
    }

    private static Element choice(List<Element> alternatives) {
        return alternatives.size() == 1 ? alternatives.getFirst()
                : new ChoiceElement(alternatives.toArray(Element[]::new));
    }
}
