package dev.caracal.backend.xla.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A PJRT call that returned a {@code PJRT_Error}: names the call, the error's code ({@code PJRT_Error_Code}) and the
 * plugin's own message ({@code PJRT_Client_Compile failed with INVALID_ARGUMENT: ...}), then any notes in parentheses
 * (the program that failed to compile). The error itself has been destroyed by the time this is thrown.
 */
public final class XlaException extends RuntimeException {

    private final String call;
    private final int code;
    private final String pluginMessage;
    private final List<String> notes;

    public XlaException(String call, int code, String pluginMessage) {
        this(call, code, pluginMessage, List.of());
    }

    private XlaException(String call, int code, String pluginMessage, List<String> notes) {
        super(call + " failed with " + name(code) + ": " + pluginMessage
                + notes.stream().map(note -> " (" + note + ")").collect(Collectors.joining()));
        this.call = call;
        this.code = code;
        this.pluginMessage = pluginMessage;
        this.notes = notes;
    }

    /** The same failure with {@code note} added to its message, this one as its cause. */
    public XlaException withNote(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        XlaException noted = new XlaException(call, code, pluginMessage, List.copyOf(more));
        noted.initCause(this);
        return noted;
    }

    /** The PJRT function that failed. */
    public String call() {
        return call;
    }

    /** The {@code PJRT_Error_Code} number. */
    public int code() {
        return code;
    }

    /** The code's header name, {@code PJRT_Error_Code_RESOURCE_EXHAUSTED}, or the bare number for one it lacks. */
    public String codeName() {
        return PjrtErrorCode.of(code).map(PjrtErrorCode::headerName).orElse("PJRT_Error_Code " + code);
    }

    /** What the plugin said. */
    public String pluginMessage() {
        return pluginMessage;
    }

    /** Whether the device ran out of memory. */
    public boolean isResourceExhausted() {
        return code == PjrtErrorCode.RESOURCE_EXHAUSTED.code;
    }

    private static String name(int code) {
        return PjrtErrorCode.of(code).map(Enum::name).orElse("unknown code " + code);
    }
}
