package dev.caracal.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeMemoryTest {

    private static final long MIB = 1 << 20;

    @Test
    void smallBuffersAreCacheLineAligned() {
        MemorySegment buffer = NativeMemory.allocate(1000);
        assertThat(buffer.byteSize()).isEqualTo(1000);
        assertThat(buffer.address() % 64).isZero();
        buffer.set(ValueLayout.JAVA_BYTE, 999, (byte) 7);
        assertThat(buffer.get(ValueLayout.JAVA_BYTE, 999)).isEqualTo((byte) 7);
    }

    @Test
    void largeBuffersGetTransparentHugePagesWhereTheKernelOffersThem() throws IOException {
        Path setting = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        assumeTrue(Files.isReadable(setting) && !Files.readString(setting).contains("[never]"),
                "transparent huge pages are off or absent");
        long bytes = 16 * MIB;
        MemorySegment buffer = NativeMemory.allocate(bytes);
        assertThat(buffer.address() % (2 * MIB)).isZero();
        buffer.fill((byte) 1); // the first write faults the pages in
        assertThat(anonymousHugePageKilobytes(buffer.address())).isGreaterThanOrEqualTo(2048);
    }

    /** The {@code AnonHugePages} of the mapping holding {@code address}, from {@code /proc/self/smaps}. */
    private static long anonymousHugePageKilobytes(long address) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/smaps"));
        boolean inside = false;
        for (String line : lines) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                String[] range = line.substring(0, line.indexOf(' ')).split("-");
                inside = Long.parseUnsignedLong(range[0], 16) <= address
                        && address < Long.parseUnsignedLong(range[1], 16);
            } else if (inside && line.startsWith("AnonHugePages:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new AssertionError("no mapping holds address " + Long.toHexString(address));
    }
}
