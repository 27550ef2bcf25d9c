package dev.caracal.formats.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files over 2 GiB map and read: offsets and sizes are longs end to end (the file is sparse, so it costs no disk). */
class GgufLargeFileTest {

    @TempDir
    Path temporary;

    @Test
    void readsATensorThatStartsPastTwoGibibytes() throws Exception {
        long bigElements = 700L * 1024 * 1024; // 2.8 GB of F32 (a 2-D tensor of 1024 x 716800)
        long smallOffset = bigElements * 4;
        byte[] header = RawBytes.ggufHeader(2, 1)
                .string("general.architecture").u32(GgufValueType.STRING.id()).string("test")
                .tensorInfo("big", new long[] {1024, bigElements / 1024}, 0, 0)
                .tensorInfo("small", new long[] {4}, 0, smallOffset)
                .padTo(32)
                .toByteArray();
        Path path = temporary.resolve("large.gguf");
        long smallAt = header.length + smallOffset;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            channel.write(ByteBuffer.wrap(header));
            ByteBuffer values = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            values.putFloat(1.5f).putFloat(-2f).putFloat(3.25f).putFloat(42f).flip();
            channel.write(values, smallAt);
        }
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
            assertThat(file.length()).isGreaterThan(1L << 31);
        }
        try (GgufFile file = GgufFile.open(path)) {
            GgufTensorInfo big = file.tensor("big").orElseThrow();
            assertThat(file.tensorData(big).byteSize()).isEqualTo(bigElements * 4);
            MemorySegment small = file.tensorData(file.tensor("small").orElseThrow());
            ValueLayout.OfFloat littleEndian = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
            assertThat(new float[] {small.get(littleEndian, 0), small.get(littleEndian, 4),
                small.get(littleEndian, 8), small.get(littleEndian, 12)}).containsExactly(1.5f, -2f, 3.25f, 42f);
        } finally {
            Files.deleteIfExists(path);
        }
    }
}
