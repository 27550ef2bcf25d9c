package dev.caracal.formats.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.caracal.formats.ModelFormatException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and hostile safetensors files fail fast with a {@link ModelFormatException} naming the problem and offset. */
class SafetensorsBadInputTest {

    @TempDir
    Path temporary;

    /** Asserts that {@code bytes} are rejected with a message containing {@code problem} at {@code offset}. */
    private static void assertRejected(byte[] bytes, long offset, String... problem) {
        assertThatThrownBy(() -> SafetensorsFile.parse(MemorySegment.ofArray(bytes), "bad.safetensors"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith("bad.safetensors at byte offset " + offset + ": ")
                .hasMessageContainingAll(problem)
                .satisfies(thrown -> assertThat(((ModelFormatException) thrown).byteOffset()).isEqualTo(offset));
    }

    private static void assertRejected(String header, byte[] data, long offset, String... problem) {
        assertRejected(SafetensorsBytes.file(header, data), offset, problem);
    }

    /** One F32 tensor {@code t} of shape [2] whose entry is {@code entry}. */
    private static String oneTensor(String entry) {
        return "{\"t\":" + entry + "}";
    }

    /** Where {@code fragment} starts in the file whose header is {@code header}. */
    private static long at(String header, String fragment) {
        int index = header.indexOf(fragment);
        assertThat(index).as("%s in %s", fragment, header).isNotNegative();
        return 8 + header.substring(0, index).getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void tooShortForTheHeaderLength() {
        assertRejected(new byte[] {1, 2, 3}, 0, "truncated", "3 bytes");
    }

    @Test
    void everyTruncationOfAValidFileIsRejected() {
        byte[] valid = new SafetensorsBytes().tensor("t", new long[] {2, 2}, new float[] {1, 2, 3, 4}).build();
        for (int length = 0; length < valid.length; length++) {
            byte[] truncated = Arrays.copyOf(valid, length);
            try {
                SafetensorsFile.parse(MemorySegment.ofArray(truncated), "cut.safetensors");
                fail("a file cut to " + length + " of " + valid.length + " bytes parsed");
            } catch (ModelFormatException expected) {
                assertThat(expected.getMessage()).as("cut at %d", length)
                        .containsAnyOf("truncated", "past the end", "not valid JSON");
            }
        }
    }

    @Test
    void headerLengthAboveTheSafetensorsLimit() {
        assertRejected(SafetensorsBytes.file(200_000_000L, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]), 0,
                "header length 200000000", "limit of 100000000");
    }

    @Test
    void headerLengthThatIsNegativeAsASignedLong() {
        assertRejected(SafetensorsBytes.file(-1L, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]), 0,
                "header length 18446744073709551615", "limit");
    }

    @Test
    void headerLengthLargerThanTheFile() {
        assertRejected(SafetensorsBytes.file(1000, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]), 0,
                "header length 1000", "past the end of the file (10 bytes");
    }

    @Test
    void headerThatIsNotUtf8() {
        byte[] header = "{\"t\u00C3(\":1}".getBytes(StandardCharsets.ISO_8859_1);
        assertRejected(SafetensorsBytes.file(header.length, header, new byte[0]), 8 + 3, "not valid UTF-8");
    }

    @Test
    void headerThatIsNotJson() {
        assertRejected("{\"t\": {\"dtype\" \"F32\"}}", new byte[0], 8 + 15, "not valid JSON");
    }

    @Test
    void headerThatEndsInsideAnObject() {
        assertRejected("{\"t\": {\"dtype\": \"F32\"", new byte[0], 8 + 21, "not valid JSON", "end-of-input");
    }

    @Test
    void headerThatIsNotAnObject() {
        assertRejected("[1, 2]", new byte[0], 8, "the header is an array, not a JSON object");
        assertRejected("\"text\"", new byte[0], 8, "the header is the string \"text\", not a JSON object");
    }

    @Test
    void emptyHeader() {
        assertRejected("", new byte[0], 8, "the header is empty, not a JSON object");
    }

    @Test
    void contentAfterTheHeaderObject() {
        assertRejected("{} {}", new byte[0], 8 + 3, "after its JSON object");
    }

    @Test
    void duplicateTensorNames() {
        String entry = "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";
        String header = "{\"t\":" + entry + ",\"t\":" + entry + "}";
        assertThatThrownBy(() -> SafetensorsFile.parse(
                MemorySegment.ofArray(SafetensorsBytes.file(header, SafetensorsBytes.floats(1))), "bad.safetensors"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("bad.safetensors at byte offset")
                .hasMessageContaining("Duplicate Object property \"t\"");
    }

    @Test
    void deeplyNestedJsonFailsInsteadOfOverflowingTheStack() {
        String header = "{\"t\":{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}}";
        assertThatThrownBy(() -> SafetensorsFile.parse(
                MemorySegment.ofArray(SafetensorsBytes.file(header, new byte[0])), "bad.safetensors"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("nesting depth");
    }

    @Test
    void metadataValuesMustBeStrings() {
        String header = "{\"__metadata__\":{\"format\":\"pt\",\"layers\":5}}";
        assertRejected(header, new byte[0], at(header, "5}"), "__metadata__ entry layers is the number 5",
                "must be strings");
        String notObject = "{\"__metadata__\":[]}";
        assertRejected(notObject, new byte[0], at(notObject, "[]"), "__metadata__ is an array");
    }

    @Test
    void entryThatIsNotAnObject() {
        String header = "{\"t\":[0,4]}";
        assertRejected(header, new byte[0], at(header, "[0"), "tensor t is an array, not an object");
    }

    @Test
    void missingFields() {
        String noDtype = oneTensor("{\"shape\":[1],\"data_offsets\":[0,4]}");
        assertRejected(noDtype, SafetensorsBytes.floats(1), 9, "tensor t has no dtype");
        String noShape = oneTensor("{\"dtype\":\"F32\",\"data_offsets\":[0,4]}");
        assertRejected(noShape, SafetensorsBytes.floats(1), 9, "tensor t has no shape");
        String noOffsets = oneTensor("{\"dtype\":\"F32\",\"shape\":[1]}");
        assertRejected(noOffsets, SafetensorsBytes.floats(1), 9, "tensor t has no data_offsets");
    }

    @Test
    void illTypedFields() {
        String dtype = oneTensor("{\"dtype\":32,\"shape\":[1],\"data_offsets\":[0,4]}");
        assertRejected(dtype, SafetensorsBytes.floats(1), at(dtype, "32"), "tensor t's dtype is the number 32");
        String shape = oneTensor("{\"dtype\":\"F32\",\"shape\":\"1\",\"data_offsets\":[0,4]}");
        assertRejected(shape, SafetensorsBytes.floats(1), at(shape, "\"1\""), "tensor t's shape is the string");
        String fraction = oneTensor("{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}");
        assertRejected(fraction, SafetensorsBytes.floats(1), at(fraction, "1.5"),
                "tensor t's shape holds the number 1.5", "non-negative integers");
        String oneOffset = oneTensor("{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4]}");
        assertRejected(oneOffset, SafetensorsBytes.floats(1), at(oneOffset, "[4]"),
                "data_offsets has 1 numbers", "[begin, end]");
        String threeOffsets = oneTensor("{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}");
        assertRejected(threeOffsets, SafetensorsBytes.floats(1), at(threeOffsets, "8]"),
                "data_offsets has more than 2 numbers");
        String nullOffset = oneTensor("{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,null]}");
        assertRejected(nullOffset, SafetensorsBytes.floats(1), at(nullOffset, "null"), "holds null");
    }

    @Test
    void tooManyDimensions() {
        String header = oneTensor("{\"dtype\":\"F32\",\"shape\":[" + "1,".repeat(64) + "1],\"data_offsets\":[0,4]}");
        assertRejected(header, SafetensorsBytes.floats(1), at(header, "1]"), "shape has more than 64 numbers");
    }

    @Test
    void unsupportedAndUnknownDtypes() {
        for (String dtype : new String[] {"F64", "I8", "U8", "I16", "I32", "I64", "BOOL", "F8_E4M3", "F8_E5M2"}) {
            String header = oneTensor("{\"dtype\":\"" + dtype + "\",\"shape\":[1],\"data_offsets\":[0,8]}");
            assertRejected(header, new byte[8], at(header, "\"" + dtype), "tensor t has dtype " + dtype,
                    "does not support", "F32, F16 and BF16");
        }
        String unknown = oneTensor("{\"dtype\":\"Q4_0\",\"shape\":[1],\"data_offsets\":[0,4]}");
        assertRejected(unknown, new byte[4], at(unknown, "\"Q4_0"), "unknown dtype \"Q4_0\"");
    }

    @Test
    void negativeShape() {
        String header = oneTensor("{\"dtype\":\"F32\",\"shape\":[2,-1],\"data_offsets\":[0,4]}");
        assertRejected(header, new byte[4], at(header, "-1"), "holds -1", "non-negative");
    }

    @Test
    void shapesThatOverflow() {
        String huge = oneTensor("{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,4]}");
        assertRejected(huge, new byte[4], at(huge, "[4294967296"), "multiplies to more elements");
        String bytes = oneTensor("{\"dtype\":\"F32\",\"shape\":[4611686018427387904],\"data_offsets\":[0,4]}");
        assertRejected(bytes, new byte[4], at(bytes, "[4611"), "needs more bytes than any file can hold");
        String bigInteger = oneTensor("{\"dtype\":\"F32\",\"shape\":[99999999999999999999],\"data_offsets\":[0,4]}");
        assertRejected(bigInteger, new byte[4], at(bigInteger, "9999"), "overflows a 64-bit integer");
        String offset = oneTensor("{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,18446744073709551620]}");
        assertRejected(offset, new byte[4], at(offset, "18446"), "overflows a 64-bit integer");
    }

    @Test
    void offsetsThatDisagreeWithTheShape() {
        String header = oneTensor("{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,16]}");
        assertRejected(header, new byte[16], at(header, "[0,16]"), "data_offsets [0, 16] span 16 bytes",
                "shape [2, 3] of F32 needs 24");
        String backwards = oneTensor("{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}");
        assertRejected(backwards, new byte[8], at(backwards, "[8,4]"), "end before they begin");
    }

    @Test
    void offsetsOutOfTheFile() {
        String header = oneTensor("{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}");
        assertRejected(header, new byte[8], at(header, "[0,16]"), "run past the end of the file",
                "data section has 8 bytes");
        String far = oneTensor("{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[9223372036854775800,"
                + "9223372036854775804]}");
        assertRejected(far, new byte[4], at(far, "[9223"), "run past the end of the file");
    }

    @Test
    void overlappingTensors() {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        assertRejected(header, new byte[12], at(header, "[4,12]"), "tensor b's data_offsets [4, 12] overlap tensor a",
                "ends at data offset 8");
    }

    @Test
    void gapsBetweenTensorsAreRejectedAsTheReferenceImplementationDoes() {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        assertRejected(header, new byte[12], at(header, "[8,12]"), "tensor b begins at data offset 8",
                "gap of 4 bytes", "contiguous");
        String first = oneTensor("{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}");
        assertRejected(first, new byte[8], at(first, "[4,8]"), "gap of 4 bytes after data offset 0");
    }

    @Test
    void bytesAfterTheLastTensor() {
        String header = oneTensor("{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}");
        int headerLength = header.getBytes(StandardCharsets.UTF_8).length;
        assertRejected(header, new byte[6], 8 + headerLength + 4, "2 bytes follow the last tensor's data",
                "must end the file");
    }

    @Test
    void emptyTensorName() {
        String header = "{\"\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        assertRejected(header, new byte[4], 9, "a tensor has an empty name");
    }

    @Test
    void openNamesTheFileAndTheOffset() throws IOException {
        Path path = SafetensorsBytes.write(temporary.resolve("bad.safetensors"),
                SafetensorsBytes.file(1000, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]));
        assertThatThrownBy(() -> SafetensorsFile.open(path))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage(path + " at byte offset 0: header length 1000 runs past the end of the file (10 bytes,"
                        + " so at most 2 header bytes)");
        assertThatThrownBy(() -> SafetensorsFile.open(temporary.resolve("missing.safetensors")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageEndingWith("no such file");
    }
}
