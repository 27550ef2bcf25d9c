package dev.caracal.backend.xla.program;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.backend.xla.program.ProgramBuilder.Direction;
import dev.caracal.backend.xla.program.ProgramBuilder.Precision;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Built programs are equal exactly when their texts are: any difference in an op, an attribute, a shape, a donation or
 * a packed value makes another program, and comparing or hashing them writes no text.
 */
class StableHloProgramTest {

    private static final TensorType MATRIX = new TensorType(ElementType.F32, 2, 4);

    /** The program {@code change} makes from a small one: a dot, a compare, a reduce, a scatter and packed values. */
    private static StableHloProgram program(Consumer<Settings> change) {
        Settings settings = new Settings();
        change.accept(settings);
        ProgramBuilder b = new ProgramBuilder(settings.precision);
        Value x = b.argument(settings.input);
        Value pool = b.argument(new TensorType(ElementType.F32, 8, 4));
        Value start = b.packed(new TensorType(ElementType.I32));
        Value slots = b.packed(new TensorType(ElementType.I32, 2, 1));
        Value scale = b.packed(new TensorType(ElementType.F32, 4));
        Value product = b.dotGeneral(x, b.transpose(x, 1, 0), new int[0], new int[0], new int[] {1}, new int[] {0},
                ElementType.F32);
        Value positive = b.compare(x, b.constant(settings.threshold, MATRIX), settings.direction);
        Value kept = b.select(positive, x, b.multiply(x, b.broadcastInDim(scale, new long[] {2, 4}, 1)));
        Value sums = b.reduce(kept, b.scalar(0, ElementType.F32), settings.reducer, 1);
        Value window = b.dynamicSlice(pool, new long[] {2, 4}, start, b.scalar(0, ElementType.I32));
        Value updated = b.scatterRows(pool, slots, b.add(window, kept));
        if (settings.donate) {
            b.alias(pool, 2);
        }
        return b.program(product, sums, updated);
    }

    /** What the variants change. */
    private static final class Settings {
        private TensorType input = MATRIX;
        private Precision precision = Precision.HIGHEST;
        private double threshold = 0;
        private Direction direction = Direction.GT;
        private String reducer = "add";
        private boolean donate = true;
    }

    @Test
    void theSameOpsMakeEqualProgramsWithoutWritingText() {
        long written = StableHloProgram.textsWritten();
        StableHloProgram first = program(settings -> { });
        StableHloProgram second = program(settings -> { });
        assertThat(second).isEqualTo(first).hasSameHashCodeAs(first);
        assertThat(StableHloProgram.textsWritten()).as("texts written to compare").isEqualTo(written);
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(second.text()).isSameAs(second.text());
        assertThat(StableHloProgram.textsWritten()).as("each written once").isEqualTo(written + 2);
    }

    @Test
    void oneDifferentAttributeShapeDonationOrOpMakesAnotherProgram() {
        StableHloProgram original = program(settings -> { });
        assertDiffers(original, program(settings -> settings.threshold = 0.5));
        assertDiffers(original, program(settings -> settings.direction = Direction.GE));
        assertDiffers(original, program(settings -> settings.precision = Precision.DEFAULT));
        assertDiffers(original, program(settings -> settings.reducer = "maximum"));
        assertDiffers(original, program(settings -> settings.donate = false));
        ProgramBuilder wider = new ProgramBuilder();
        ProgramBuilder narrower = new ProgramBuilder();
        Value four = wider.argument(new TensorType(ElementType.F32, 4));
        Value two = narrower.argument(new TensorType(ElementType.F32, 2));
        assertDiffers(wider.program(wider.unary("negate", four)),
                narrower.program(narrower.unary("negate", two)));
    }

    @Test
    void packedValuesOfAnotherShapeMakeAnotherProgram() {
        ProgramBuilder scalar = new ProgramBuilder();
        ProgramBuilder vector = new ProgramBuilder();
        scalar.packed(new TensorType(ElementType.I32));
        vector.packed(new TensorType(ElementType.I32, 1));
        Value x = scalar.argument(MATRIX);
        Value y = vector.argument(MATRIX);
        assertDiffers(scalar.program(scalar.unary("negate", x)), vector.program(vector.unary("negate", y)));
    }

    private static void assertDiffers(StableHloProgram original, StableHloProgram changed) {
        assertThat(changed.text()).isNotEqualTo(original.text());
        assertThat(changed).isNotEqualTo(original);
        assertThat(original).isNotEqualTo(changed);
    }
}
