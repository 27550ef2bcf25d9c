package dev.caracal.engine.structured;

/** A JSON schema uses a keyword (or a keyword's value) that the grammar compiler does not support. */
public final class UnsupportedSchemaException extends IllegalArgumentException {

    private final String keyword;
    private final String path;

    /** The keyword at {@code path} (a JSON pointer like {@code #/properties/name}) is not supported at all. */
    public UnsupportedSchemaException(String keyword, String path) {
        this(keyword, path, "(supported: " + String.join(", ", SchemaKeywords.SUPPORTED) + ")");
    }

    /** The keyword at {@code path} is not supported in this use, said by {@code detail}. */
    public UnsupportedSchemaException(String keyword, String path, String detail) {
        super("JSON schema keyword '" + keyword + "' at " + path + " is not supported " + detail);
        this.keyword = keyword;
        this.path = path;
    }

    /** The keyword, as the schema spells it. */
    public String keyword() {
        return keyword;
    }

    /** Where the keyword was found, as a JSON pointer from the schema root ({@code #} for the root). */
    public String path() {
        return path;
    }
}
