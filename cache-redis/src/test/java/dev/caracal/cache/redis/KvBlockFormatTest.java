package dev.caracal.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.api.kv.KvBlockNamespace;
import dev.caracal.api.kv.KvCacheSpec;
import dev.caracal.api.tensor.QuantFormat;
import dev.caracal.cache.redis.KvBlockFormat.RejectedBlockException;
import dev.caracal.cache.redis.KvBlockFormat.Rejection;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class KvBlockFormatTest {

    private static final KvBlockNamespace MODEL = TestBlocks.newModel(TestBlocks.SMALL_F32);
    private static final byte[] HASH = TestBlocks.hashes(1).getFirst();
    private static final byte[] BLOCK = TestBlocks.block(TestBlocks.SMALL_F32, 7);

    @Test
    void aRecordIsTheHeaderThenTheBlockAndDecodesToTheSameBits() throws RejectedBlockException {
        for (KvCacheSpec spec : List.of(TestBlocks.SMALL_F32, new KvCacheSpec(3, 1, 4, 16, QuantFormat.F16))) {
            KvBlockNamespace model = TestBlocks.newModel(spec);
            byte[] block = TestBlocks.block(spec, 11);
            byte[] record = KvBlockFormat.encode(model, HASH, block);

            assertThat(record).hasSize(KvBlockFormat.HEADER_BYTES + block.length)
                    .startsWith('C', 'K', 'V', 'B', 1, 0, spec.dtype().ggmlTypeId(), 0);
            assertThat(Arrays.copyOfRange(record, KvBlockFormat.HEADER_BYTES, record.length)).isEqualTo(block);
            assertThat(KvBlockFormat.decode(model, HASH, record)).isEqualTo(block);
        }
    }

    @Test
    void eachDamageIsRejectedWithItsReason() {
        byte[] record = KvBlockFormat.encode(MODEL, HASH, BLOCK);
        assertRejected(record, r -> Arrays.copyOf(r, 20), Rejection.TRUNCATED, "shorter than the 32-byte header");
        assertRejected(record, r -> Arrays.copyOf(r, r.length - 1), Rejection.TRUNCATED, "header announces");
        assertRejected(record, r -> Arrays.copyOf(r, r.length + 1), Rejection.TRAILING_BYTES, "header announces");
        assertRejected(record, r -> flip(r, 0), Rejection.NOT_A_BLOCK, "CKVB");
        assertRejected(record, r -> flip(r, 4), Rejection.UNKNOWN_VERSION, "format version");
        assertRejected(record, r -> flip(r, 6), Rejection.OTHER_LAYOUT, "dtype");
        assertRejected(record, r -> flip(r, 16), Rejection.OTHER_LAYOUT, "head size");
        assertRejected(record, r -> flip(r, 24), Rejection.OTHER_LAYOUT, "payload length");
        assertRejected(record, r -> flip(r, 28), Rejection.CHECKSUM, "checksum");
        assertRejected(record, r -> flip(r, r.length - 1), Rejection.CHECKSUM, "checksum");
    }

    @Test
    void aRecordOfAnotherBlockOrModelIsRejected() {
        byte[] record = KvBlockFormat.encode(MODEL, HASH, BLOCK);
        byte[] otherHash = TestBlocks.hashes(1).getFirst();
        KvBlockNamespace otherModel = TestBlocks.newModel(TestBlocks.SMALL_F32);

        assertThatThrownBy(() -> KvBlockFormat.decode(MODEL, otherHash, record))
                .extracting(e -> ((RejectedBlockException) e).rejection()).isEqualTo(Rejection.CHECKSUM);
        assertThatThrownBy(() -> KvBlockFormat.decode(otherModel, HASH, record))
                .extracting(e -> ((RejectedBlockException) e).rejection()).isEqualTo(Rejection.CHECKSUM);
    }

    @Test
    void encodeRefusesBytesOfAnotherSize() {
        assertThatThrownBy(() -> KvBlockFormat.encode(MODEL, HASH, new byte[10]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1024 bytes, not 10");
    }

    private static void assertRejected(byte[] record, UnaryOperator<byte[]> damage, Rejection reason,
            String message) {
        assertThatThrownBy(() -> KvBlockFormat.decode(MODEL, HASH, damage.apply(record.clone())))
                .isInstanceOfSatisfying(RejectedBlockException.class,
                        e -> assertThat(e.rejection()).isEqualTo(reason))
                .hasMessageContaining(message);
    }

    static byte[] flip(byte[] bytes, int at) {
        bytes[at] ^= 0x10;
        return bytes;
    }
}
