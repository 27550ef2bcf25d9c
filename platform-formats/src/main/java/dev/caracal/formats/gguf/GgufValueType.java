package dev.caracal.formats.gguf;

import java.util.Optional;

/** The value types of GGUF metadata, with their on-disk ids ({@code gguf_type}). */
public enum GgufValueType {
    UINT8(0, 1),
    INT8(1, 1),
    UINT16(2, 2),
    INT16(3, 2),
    UINT32(4, 4),
    INT32(5, 4),
    FLOAT32(6, 4),
    BOOL(7, 1),
    STRING(8, 8),
    ARRAY(9, 12),
    UINT64(10, 8),
    INT64(11, 8),
    FLOAT64(12, 8);

    private final int id;
    private final int minimumBytes;

    GgufValueType(int id, int minimumBytes) {
        this.id = id;
        this.minimumBytes = minimumBytes;
    }

    /** The id stored in the file. */
    public int id() {
        return id;
    }

    /** The fewest bytes one value of this type takes in a file (its whole size for fixed-size types). */
    public int minimumBytes() {
        return minimumBytes;
    }

    /** True for the types that take a fixed number of bytes. */
    public boolean isFixedSize() {
        return this != STRING && this != ARRAY;
    }

    /** The type with this id. */
    public static Optional<GgufValueType> fromId(long id) {
        for (GgufValueType type : values()) {
            if (type.id == id) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
