package dev.caracal.api.tensor;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A weight's bytes are checked against its shape: rows of whole blocks, and exactly the bytes they take. */
class QuantFormatWeightTest {

    @Test
    void aWeightOfWholeBlockRowsAndTheRightSizePasses() {
        assertThatCode(() -> QuantFormat.Q4_0.checkWeight("w", new long[] {3, 64}, 3 * 2 * 18))
                .doesNotThrowAnyException();
        assertThatCode(() -> QuantFormat.F16.checkWeight("norm", new long[] {37}, 74)).doesNotThrowAnyException();
    }

    @Test
    void rowsThatSplitABlockAreRefusedByName() {
        // 2 rows of 48: 96 elements are 3 whole Q8_0 blocks, but each row ends inside one
        assertThatThrownBy(() -> QuantFormat.Q8_0.checkWeight("blk.0.ffn_down.weight", new long[] {2, 48}, 3 * 34))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("blk.0.ffn_down.weight [2, 48]: rows of 48 are not whole Q8_0 blocks of 32");
    }

    @Test
    void theWrongSizeIsRefusedWithBoth() {
        assertThatThrownBy(() -> QuantFormat.F32.checkWeight("w", new long[] {2, 4}, 31))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("w [2, 4] F32 needs 32 bytes, got 31");
    }
}
