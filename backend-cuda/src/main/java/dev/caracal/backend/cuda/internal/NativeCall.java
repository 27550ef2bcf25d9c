package dev.caracal.backend.cuda.internal;

/** A downcall that returns a status code; {@link #run} keeps its {@code Throwable} from being checked. */
@FunctionalInterface
interface NativeCall {

    int invoke() throws Throwable;

    /** The call's status; an unchecked failure as it is, a checked one (which a downcall never throws) wrapped. */
    static int run(NativeCall call) {
        try {
            return call.invoke();
        } catch (RuntimeException | Error failure) {
            throw failure;
        } catch (Throwable failure) {
            throw new IllegalStateException(failure);
        }
    }
}
