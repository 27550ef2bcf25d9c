package dev.caracal.engine.structured;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the grammar of a JSON object: either its properties in schema order (required ones always, optional ones
 * maybe, none twice, no others), or a map of any string keys to values of one schema.
 */
final class ObjectGrammar {

    /** A property as it may be written: its name, its value's element, and whether it must appear. */
    record Property(String name, Element value, boolean required) {
    }

    private ObjectGrammar() {
    }

    /**
     * {@code {"a": .., "b": ..}} with the properties in the given order. After property {@code i}, the next one may be
     * any property up to the first required one after {@code i}, and the object may close when none is required.
     */
    static Element properties(List<Property> properties) {
        int n = properties.size();
        Element[] from = new Element[n]; // from[k]: property k, then what may follow it
        for (int k = n - 1; k >= 0; k--) {
            Property property = properties.get(k);
            Element written = new SequenceElement(JsonTokens.literal(JsonTokens.quote(property.name()) + ":"),
                    JsonTokens.WHITESPACE, property.value());
            List<Element> after = new ArrayList<>();
            if (firstRequiredAfter(properties, k) == n) {
                after.add(new SequenceElement(JsonTokens.WHITESPACE, JsonTokens.CLOSE_OBJECT));
            }
            Element next = nextProperty(properties, from, k);
            if (next != null) {
                after.add(new SequenceElement(JsonTokens.COMMA, JsonTokens.WHITESPACE, next));
            }
            from[k] = new SequenceElement(written, choice(after));
        }
        List<Element> body = new ArrayList<>();
        if (firstRequiredAfter(properties, -1) == n) {
            body.add(JsonTokens.CLOSE_OBJECT);
        }
        Element first = nextProperty(properties, from, -1);
        if (first != null) {
            body.add(first);
        }
        return new SequenceElement(JsonTokens.OPEN_OBJECT, JsonTokens.WHITESPACE, choice(body));
    }

    /** {@code {}} or {@code {"key": value, ...}} with any string keys (they are not checked to be distinct). */
    static Element map(Element value) {
        Element entry = new SequenceElement(JsonTokens.STRING, JsonTokens.COLON, JsonTokens.WHITESPACE, value);
        Element more = new RepeatElement(
                new SequenceElement(JsonTokens.COMMA, JsonTokens.WHITESPACE, entry), null, 0,
                RepeatElement.UNBOUNDED);
        Element entries = new SequenceElement(entry, more, JsonTokens.WHITESPACE, JsonTokens.CLOSE_OBJECT);
        return new SequenceElement(JsonTokens.OPEN_OBJECT, JsonTokens.WHITESPACE,
                new ChoiceElement(JsonTokens.CLOSE_OBJECT, entries));
    }

    /** The properties that may come after property {@code k} ({@code -1}: first), or null for none. */
    private static Element nextProperty(List<Property> properties, Element[] from, int k) {
        int last = Math.min(firstRequiredAfter(properties, k), properties.size() - 1);
        List<Element> candidates = new ArrayList<>();
        for (int j = k + 1; j <= last; j++) {
            candidates.add(from[j]);
        }
        return candidates.isEmpty() ? null : choice(candidates);
    }

    private static int firstRequiredAfter(List<Property> properties, int k) {
        for (int j = k + 1; j < properties.size(); j++) {
            if (properties.get(j).required()) {
                return j;
            }
        }
        return properties.size();
    }

    private static Element choice(List<Element> alternatives) {
        return alternatives.size() == 1 ? alternatives.getFirst()
                : new ChoiceElement(alternatives.toArray(Element[]::new));
    }
}
