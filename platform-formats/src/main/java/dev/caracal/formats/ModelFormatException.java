package dev.caracal.formats;

/**
 * A model file that Caracal cannot read: the message says what is wrong and at which byte offset of which file.
 */
public class ModelFormatException extends RuntimeException {

    /** Marks a problem that has no single byte offset (a missing file in a directory, say). */
    public static final long NO_OFFSET = -1;

    private final String file;
    private final long byteOffset;

    public ModelFormatException(String file, long byteOffset, String problem) {
        this(file, byteOffset, problem, null);
    }

    public ModelFormatException(String file, long byteOffset, String problem, Throwable cause) {
        super(describe(file, byteOffset, problem), cause);
        this.file = file;
        this.byteOffset = byteOffset;
    }

    private static String describe(String file, long byteOffset, String problem) {
        String where = byteOffset == NO_OFFSET ? file : file + " at byte offset " + byteOffset;
        return where + ": " + problem;
    }

    /** The file that is wrong. */
    public String file() {
        return file;
    }

    /** Where in the file the problem was found, or {@link #NO_OFFSET}. */
    public long byteOffset() {
        return byteOffset;
    }
}
