package dev.caracal.tools.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.caracal.tools.quality.KlDivergenceBaseFile.Header;
import dev.caracal.tools.quality.KlDivergenceBaseFile.Reader;
import dev.caracal.tools.quality.KlDivergenceBaseFile.StoredLogProbabilities;
import dev.caracal.tools.quality.KlDivergenceBaseFile.Writer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** llama.cpp's {@code --kl-divergence-base} layout, byte by byte, on a hand-built file of two tiny chunks. */
class KlDivergenceBaseFileTest {

    private static final int CONTEXT = 4;
    private static final int VOCABULARY = 5;
    private static final int CHUNKS = 2;
    private static final int[] TOKENS = {1, 4, 2, 3, 0, 3, 3, 1};
    /** A distribution with a tie at the top and one logit more than 16 below it (stored as code 0). */
    private static final float[] PEAKED = {2.0f, -1.5f, 0.25f, -30.0f, 2.0f};
    private static final float[] FLAT = {0.5f, 0.5f, 0.5f, 0.5f, 0.5f};

    @TempDir
    Path temporary;

    @Test
    void theBytesAreLlamaCppsLayout() throws IOException {
        Path file = writeTinyFile();
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        // header 20 + tokens 2 × 4 × 4 = 52, then 2 chunks × 1 scored position (4 − 1 − 2) × (6 + 4) shorts × 2 bytes
        assertThat(bytes.capacity()).isEqualTo(92).isEqualTo(KlDivergenceBaseFile.expectedBytes(CONTEXT, VOCABULARY,
                CHUNKS));
        assertThat(new String(Arrays.copyOf(bytes.array(), 8), StandardCharsets.US_ASCII)).isEqualTo("_logits_");
        assertThat(bytes.getInt(8)).isEqualTo(CONTEXT);
        assertThat(bytes.getInt(12)).isEqualTo(VOCABULARY);
        assertThat(bytes.getInt(16)).isEqualTo(CHUNKS);
        for (int i = 0; i < TOKENS.length; i++) {
            assertThat(bytes.getInt(20 + 4 * i)).as("token %d", i).isEqualTo(TOKENS[i]);
        }

        // the peaked record, its codes by the documented formula
        float max = 2.0f;
        float min = max - 16; // the smallest logit, -30, is more than 16 below the largest
        double logSumExp = Math.log(2 + Math.exp(-3.5) + Math.exp(-1.75) + Math.exp(-32));
        double scale = (max - min) / 65535.0;
        assertThat(bytes.getFloat(52)).isCloseTo((float) scale, within(1e-10f));
        assertThat(bytes.getFloat(56)).isCloseTo((float) (min - max - logSumExp), within(1e-6f));
        int[] codes = new int[VOCABULARY];
        for (int i = 0; i < VOCABULARY; i++) {
            codes[i] = Short.toUnsignedInt(bytes.getShort(60 + 2 * i));
        }
        int[] expected = new int[VOCABULARY];
        for (int i = 0; i < VOCABULARY; i++) {
            expected[i] = PEAKED[i] > min ? (int) Math.rint((PEAKED[i] - min) / scale) : 0;
        }
        assertThat(codes).containsExactly(expected).containsExactly(65535, 51199, 58367, 0, 65535);
        assertThat(bytes.getShort(70)).as("padding to an even count").isZero();
        for (int i = 0; i < VOCABULARY; i++) {
            double logProbability = bytes.getFloat(52) * codes[i] + bytes.getFloat(56);
            double exact = PEAKED[i] - max - logSumExp;
            if (PEAKED[i] > min) {
                assertThat(logProbability).as("token %d", i).isCloseTo(exact, within(scale / 2 + 1e-6));
            } else {
                assertThat(logProbability).isLessThanOrEqualTo(-16);
            }
        }

        // the flat record: scale 0, minimum -ln 5, every code 0
        assertThat(bytes.getFloat(72)).isZero();
        assertThat(bytes.getFloat(76)).isCloseTo((float) -Math.log(5), within(1e-6f));
        for (int i = 0; i < VOCABULARY + 1; i++) {
            assertThat(bytes.getShort(80 + 2 * i)).isZero();
        }
    }

    @Test
    void whatIsWrittenReadsBack() throws IOException {
        Path file = writeTinyFile();
        try (Reader reader = Reader.open(file)) {
            Header header = reader.header();
            assertThat(header.context()).isEqualTo(CONTEXT);
            assertThat(header.vocabulary()).isEqualTo(VOCABULARY);
            assertThat(header.chunks()).isEqualTo(CHUNKS);
            assertThat(header.tokens()).containsExactly(TOKENS);
            assertThat(header.positionsPerChunk()).isEqualTo(1);
            assertThat(reader.nextChunk()).containsExactly(StoredLogProbabilities.compress(PEAKED));
            assertThat(reader.nextChunk()).containsExactly(StoredLogProbabilities.compress(FLAT));
            assertThatThrownBy(reader::nextChunk).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void roundingIsLlamaCppsNearestInteger() {
        assertThat(KlDivergenceBaseFile.nearestInteger(0.5f)).isZero();
        assertThat(KlDivergenceBaseFile.nearestInteger(1.5f)).isEqualTo(2);
        assertThat(KlDivergenceBaseFile.nearestInteger(2.5f)).isEqualTo(2);
        assertThat(KlDivergenceBaseFile.nearestInteger(2.500001f)).isEqualTo(3);
        assertThat(KlDivergenceBaseFile.nearestInteger(65534.7f)).isEqualTo(65535);
    }

    @Test
    void aTruncatedFileIsAClearError() throws IOException {
        byte[] whole = Files.readAllBytes(writeTinyFile());
        Path cut = temporary.resolve("cut.kld");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 1));
        assertThatThrownBy(() -> Reader.open(cut)).isInstanceOf(IOException.class)
                .hasMessage(cut + " is truncated: 91 bytes, but 2 chunks of 4 tokens over a vocabulary of 5 take 92");
        Files.write(cut, Arrays.copyOf(whole, 14));
        assertThatThrownBy(() -> Reader.open(cut)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(cut + " is truncated: 14 bytes, fewer than the 20 of the header");
        Files.write(cut, Arrays.copyOf(whole, whole.length + 2));
        assertThatThrownBy(() -> Reader.open(cut)).isInstanceOf(IOException.class)
                .hasMessageContaining("has bytes past its end: 94 bytes");
    }

    @Test
    void aGarbledFileIsAClearError() throws IOException {
        byte[] whole = Files.readAllBytes(writeTinyFile());
        Path garbled = temporary.resolve("garbled.kld");
        byte[] magic = whole.clone();
        magic[1] = 'L';
        Files.write(garbled, magic);
        assertThatThrownBy(() -> Reader.open(garbled)).isInstanceOf(IOException.class)
                .hasMessage(garbled + " is not a llama.cpp --kl-divergence-base file: it starts with bytes"
                        + " 5f 4c 6f 67 69 74 73 5f, not \"_logits_\"");
        Files.write(garbled, "GGUF".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> Reader.open(garbled)).hasMessageContaining("not a llama.cpp --kl-divergence-base");
        byte[] token = whole.clone();
        ByteBuffer.wrap(token).order(ByteOrder.LITTLE_ENDIAN).putInt(20 + 4 * 3, 77);
        Files.write(garbled, token);
        assertThatThrownBy(() -> Reader.open(garbled)).isInstanceOf(IOException.class)
                .hasMessage(garbled + " at byte offset 32: token 77 is outside its vocabulary of 5");
        byte[] counts = whole.clone();
        ByteBuffer.wrap(counts).order(ByteOrder.LITTLE_ENDIAN).putInt(16, -1);
        Files.write(garbled, counts);
        assertThatThrownBy(() -> Reader.open(garbled)).isInstanceOf(IOException.class)
                .hasMessageContaining("its header says -1 chunks of 4 tokens");
    }

    private Path writeTinyFile() throws IOException {
        Path file = temporary.resolve("tiny.kld");
        try (Writer writer = new Writer(file, CONTEXT, VOCABULARY, CHUNKS, TOKENS)) {
            writer.write(StoredLogProbabilities.compress(PEAKED));
            writer.write(StoredLogProbabilities.compress(FLAT));
        }
        return file;
    }
}
