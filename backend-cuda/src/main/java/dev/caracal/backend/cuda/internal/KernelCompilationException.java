package dev.caracal.backend.cuda.internal;

import java.util.List;

/**
 * CUDA source that NVRTC did not compile: names the file, the options and NVRTC's result, and carries NVRTC's log
 * ({@code caracal_kernels.cu(12): error: identifier "x" is undefined}).
 */
public final class KernelCompilationException extends RuntimeException {

    private final String fileName;
    private final List<String> options;
    private final String log;

    public KernelCompilationException(String fileName, List<String> options, String result, String log) {
        super(fileName + " did not compile (" + result + ", options " + String.join(" ", options) + ")"
                + (log.isBlank() ? "" : ":\n" + log.strip()));
        this.fileName = fileName;
        this.options = List.copyOf(options);
        this.log = log;
    }

    /** The source's file name, as the log's messages name it. */
    public String fileName() {
        return fileName;
    }

    /** The compiler options. */
    public List<String> options() {
        return options;
    }

    /** NVRTC's log: one {@code file(line): error: ...} message a line. */
    public String log() {
        return log;
    }
}
