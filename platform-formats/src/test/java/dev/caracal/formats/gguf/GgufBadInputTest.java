package dev.caracal.formats.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.caracal.formats.ModelFormatException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and hostile GGUF files fail fast with a typed exception that says what is wrong and where. */
class GgufBadInputTest {

    private static final int F32 = 0;

    @TempDir
    Path temporary;

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(byte[] bytes) {
        return assertThatThrownBy(() -> GgufFile.parse(MemorySegment.ofArray(bytes), "bad.gguf"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith("bad.gguf");
    }

    /** A small valid file: one string key, one 8-float tensor. */
    private static byte[] validFile() {
        RawBytes file = RawBytes.ggufHeader(1, 1)
                .string("general.architecture").u32(GgufValueType.STRING.id()).string("llama")
                .tensorInfo("t", new long[] {8}, F32, 0)
                .padTo(32);
        for (int i = 0; i < 8; i++) {
            file.u32(Float.floatToIntBits(i));
        }
        return file.toByteArray();
    }

    @Test
    void theValidFileParses() {
        GgufFile file = GgufFile.parse(MemorySegment.ofArray(validFile()), "ok.gguf");
        assertThat(file.tensors()).hasSize(1);
        assertThat(file.metadata().requireString("general.architecture")).isEqualTo("llama");
    }

    @Test
    void everyTruncationIsReportedAsSuch() {
        byte[] valid = validFile();
        for (int length = 0; length < valid.length; length++) {
            byte[] truncated = Arrays.copyOf(valid, length);
            try {
                GgufFile.parse(MemorySegment.ofArray(truncated), "cut.gguf");
                fail("a file cut to " + length + " of " + valid.length + " bytes parsed");
            } catch (ModelFormatException expected) {
                assertThat(expected.getMessage()).as("cut at %d", length)
                        .containsAnyOf("truncated", "past the end", "too short", "more than");
            }
        }
    }

    @Test
    void wrongMagic() {
        byte[] bytes = validFile();
        bytes[0] = 'P';
        assertRejected(bytes).hasMessageContaining("byte offset 0").hasMessageContaining("not a GGUF file");
    }

    @Test
    void unsupportedVersions() {
        assertRejected(new RawBytes().u32(GgufFile.MAGIC).u32(1).u32(0).u32(0).toByteArray())
                .hasMessageContaining("version 1 is not supported");
        assertRejected(new RawBytes().u32(GgufFile.MAGIC).u32(7).u64(0).u64(0).toByteArray())
                .hasMessageContaining("byte offset 4").hasMessageContaining("unknown GGUF version 7");
        assertRejected(new RawBytes().u32(GgufFile.MAGIC).u32(Integer.reverseBytes(3)).u64(0).u64(0).toByteArray())
                .hasMessageContaining("big-endian");
    }

    @Test
    void absurdCountsAreRefusedBeforeAllocating() {
        assertRejected(RawBytes.ggufHeader(0, Long.MAX_VALUE).toByteArray())
                .hasMessageContaining("byte offset 16").hasMessageContaining("metadata count");
        assertRejected(RawBytes.ggufHeader(1L << 40, 0).toByteArray())
                .hasMessageContaining("byte offset 8").hasMessageContaining("tensor count");
        assertRejected(RawBytes.ggufHeader(0, -1).toByteArray()).hasMessageContaining("18446744073709551615");
        byte[] hugeArray = RawBytes.ggufHeader(0, 1).string("k").u32(GgufValueType.ARRAY.id())
                .u32(GgufValueType.UINT64.id()).u64(1L << 60).u64(0).toByteArray();
        assertRejected(hugeArray).hasMessageContaining("array k claims 1152921504606846976 UINT64 elements");
        byte[] hugeString = RawBytes.ggufHeader(0, 1).string("k").u32(GgufValueType.STRING.id())
                .u64(1L << 50).u64(0).toByteArray();
        assertRejected(hugeString).hasMessageContaining("byte offset 37").hasMessageContaining("claims");
    }

    @Test
    void unknownValueTypesAndBadBooleans() {
        assertRejected(RawBytes.ggufHeader(0, 1).string("k").u32(13).u64(0).toByteArray())
                .hasMessageContaining("byte offset 33").hasMessageContaining("unknown metadata value type 13");
        assertRejected(RawBytes.ggufHeader(0, 1).string("k").u32(GgufValueType.BOOL.id()).u8(2).toByteArray())
                .hasMessageContaining("only 0 and 1");
    }

    @Test
    void invalidUtf8InKeysAndStrings() {
        assertRejected(RawBytes.ggufHeader(0, 1).rawString(new byte[] {'a', (byte) 0xc3}).u32(4).u32(0)
                .toByteArray()).hasMessageContaining("not valid UTF-8");
        assertRejected(RawBytes.ggufHeader(0, 1).string("k").u32(GgufValueType.STRING.id())
                .rawString(new byte[] {(byte) 0xff, (byte) 0xfe}).toByteArray())
                .hasMessageContaining("k is not valid UTF-8");
    }

    @Test
    void duplicateKeysAndTensorNames() {
        assertRejected(RawBytes.ggufHeader(0, 2).string("k").u32(4).u32(1).string("k").u32(4).u32(2).toByteArray())
                .hasMessageContaining("duplicate metadata key k");
        RawBytes twice = RawBytes.ggufHeader(2, 0).tensorInfo("t", new long[] {8}, F32, 0)
                .tensorInfo("t", new long[] {8}, F32, 32).padTo(32);
        assertRejected(twice.raw(new byte[64]).toByteArray()).hasMessageContaining("duplicate tensor name t");
    }

    @Test
    void deeplyNestedArrays() {
        RawBytes nested = RawBytes.ggufHeader(0, 1).string("k").u32(GgufValueType.ARRAY.id());
        for (int i = 0; i < 100; i++) {
            nested.u32(GgufValueType.ARRAY.id()).u64(1);
        }
        assertRejected(nested.toByteArray()).hasMessageContaining("nests arrays more than");
    }

    @Test
    void badAlignment() {
        assertRejected(RawBytes.ggufHeader(0, 1).string("general.alignment").u32(4).u32(48).toByteArray())
                .hasMessageContaining("power of two");
        assertRejected(RawBytes.ggufHeader(0, 1).string("general.alignment").u32(5).u32(32).toByteArray())
                .hasMessageContaining("must be a UINT32");
    }

    @Test
    void absurdDimensionsAndTypes() {
        assertRejected(RawBytes.ggufHeader(1, 0).tensorInfo("t", new long[] {1, 1, 1, 1, 1}, F32, 0)
                .padTo(32).raw(new byte[32]).toByteArray())
                .hasMessageContaining("byte offset 33").hasMessageContaining("5 dimensions");
        assertRejected(RawBytes.ggufHeader(1, 0).tensorInfo("t", new long[] {0}, F32, 0).padTo(32).toByteArray())
                .hasMessageContaining("dimension 0 = 0");
        assertRejected(RawBytes.ggufHeader(1, 0).tensorInfo("t", new long[] {1L << 40, 1L << 40}, F32, 0)
                .padTo(32).toByteArray()).hasMessageContaining("multiply to more elements");
        assertRejected(RawBytes.ggufHeader(1, 0).tensorInfo("t", new long[] {32}, 200, 0).padTo(32).toByteArray())
                .hasMessageContaining("ggml type 200 (unknown)");
        assertRejected(RawBytes.ggufHeader(1, 0).tensorInfo("t", new long[] {256}, 16, 0).padTo(32).toByteArray())
                .hasMessageContaining("IQ2_XXS");
        assertRejected(RawBytes.ggufHeader(1, 0).tensorInfo("t", new long[] {33}, 8, 0).padTo(32).toByteArray())
                .hasMessageContaining("not a whole number of 32-element blocks");
    }

    @Test
    void misplacedTensors() {
        assertRejected(RawBytes.ggufHeader(1, 0).tensorInfo("t", new long[] {8}, F32, 7).padTo(32)
                .raw(new byte[64]).toByteArray()).hasMessageContaining("not a multiple of the alignment 32");
        assertRejected(RawBytes.ggufHeader(1, 0).tensorInfo("t", new long[] {8}, F32, 1L << 40).padTo(32)
                .raw(new byte[32]).toByteArray()).hasMessageContaining("extends past the end of the file");
        assertRejected(RawBytes.ggufHeader(1, 0).tensorInfo("t", new long[] {1024}, F32, 0).padTo(32)
                .raw(new byte[32]).toByteArray()).hasMessageContaining("extends past the end of the file");
        RawBytes overlapping = RawBytes.ggufHeader(2, 0).tensorInfo("a", new long[] {16}, F32, 0)
                .tensorInfo("b", new long[] {8}, F32, 32).padTo(32);
        assertRejected(overlapping.raw(new byte[96]).toByteArray()).hasMessageContaining("b overlaps tensor a");
    }

    @Test
    void filesThatAreNotThere() {
        assertThatThrownBy(() -> GgufFile.open(temporary.resolve("absent.gguf")))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("no such file");
        assertThatThrownBy(() -> GgufFile.open(temporary))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("not a regular file");
    }

    @Test
    void emptyFile() throws Exception {
        Path empty = Files.createFile(temporary.resolve("empty.gguf"));
        assertThatThrownBy(() -> GgufFile.open(empty)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("too short");
    }
}
