package dev.caracal.backend.xla.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The compile options are a {@code CompileOptionsProto} as protobuf encodes it: field 3 ({@code
 * executable_build_options}, length-delimited: tag {@code 3 << 3 | 2 = 0x1A}) holding field 4 ({@code num_replicas},
 * varint: {@code 4 << 3 = 0x20}) and field 5 ({@code num_partitions}: {@code 0x28}).
 */
class CompileOptionsTest {

    @Test
    void oneReplicaOfOnePartitionIsSixBytes() {
        assertThat(CompileOptions.singleDevice()).containsExactly(0x1A, 0x04, 0x20, 0x01, 0x28, 0x01);
    }

    @Test
    void countsAreVarints() {
        assertThat(CompileOptions.of(2, 4)).containsExactly(0x1A, 0x04, 0x20, 0x02, 0x28, 0x04);
        // 300 = 0b10_0101100: the low seven bits with the continuation bit (0xAC), then 0b10.
        assertThat(CompileOptions.of(300, 1)).containsExactly(0x1A, 0x05, 0x20, 0xAC, 0x02, 0x28, 0x01);
        assertThatThrownBy(() -> CompileOptions.of(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
