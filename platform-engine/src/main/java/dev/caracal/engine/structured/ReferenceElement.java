package dev.caracal.engine.structured;

import java.util.List;

/** A named stand-in for an element defined later, so a grammar can refer to itself (a JSON schema's {@code $ref}). */
final class ReferenceElement extends Element {

    private final String name;
    private Element target;

    ReferenceElement(String name) {
        this.name = name;
    }

    /** Sets the element this reference stands for. */
    void resolve(Element target) {
        if (this.target != null) {
            throw new IllegalStateException(name + " is already resolved");
        }
        this.target = target;
    }

    String name() {
        return name;
    }

    @Override
    void enter(Continuation next, int firstByte, Configurations out) {
        target.enter(next, firstByte, out);
    }

    @Override
    List<Element> children() {
        return target == null ? List.of() : List.of(target);
    }

    @Override
    boolean update() {
        return target != null && define(target.minimumLength(), target.firstBytes());
    }
}
