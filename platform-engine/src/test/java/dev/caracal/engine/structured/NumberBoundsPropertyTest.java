package dev.caracal.engine.structured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random bounds: the grammar takes exactly the numbers in range (every value on a grid around the bounds is taken
 * when in range and refused when not), and random walks write only numbers in range.
 */
class NumberBoundsPropertyTest {

    @Property(tries = 300)
    void takesExactlyTheNumbersInRange(@ForAll @IntRange(min = -400, max = 400) int lowQuarters,
            @ForAll @IntRange(min = 0, max = 300) int widthQuarters, @ForAll boolean lowExclusive,
            @ForAll boolean highExclusive, @ForAll boolean integer, @ForAll boolean lowGiven, @ForAll boolean highGiven,
            @ForAll long seed) {
        BigDecimal low = BigDecimal.valueOf(lowQuarters).divide(BigDecimal.valueOf(4));
        BigDecimal high = low.add(BigDecimal.valueOf(widthQuarters).divide(BigDecimal.valueOf(4)));
        StringBuilder schema = new StringBuilder("{\"type\":\"" + (integer ? "integer" : "number") + "\"");
        if (lowGiven) {
            schema.append(lowExclusive ? ",\"exclusiveMinimum\":" : ",\"minimum\":").append(low.toPlainString());
        }
        if (highGiven) {
            schema.append(highExclusive ? ",\"exclusiveMaximum\":" : ",\"maximum\":").append(high.toPlainString());
        }
        schema.append("}");
        boolean anyInRange = false;
        for (BigDecimal v = low.subtract(BigDecimal.TEN); v.compareTo(high.add(BigDecimal.TEN)) <= 0;
                v = v.add(new BigDecimal("0.125"))) {
            anyInRange |= inRange(v, integer, lowGiven ? low : null, lowExclusive, highGiven ? high : null,
                    highExclusive);
        }
        if (!anyInRange) {
            assertThatThrownBy(() -> JsonSchemaGrammar.compile(GrammarWalks.json(schema.toString())))
                    .as(schema.toString()).hasMessageContaining("satisfies");
            return;
        }
        Grammar grammar = JsonSchemaGrammar.compile(GrammarWalks.json(schema.toString()));
        for (BigDecimal v = low.subtract(BigDecimal.TEN); v.compareTo(high.add(BigDecimal.TEN)) <= 0;
                v = v.add(new BigDecimal("0.125"))) {
            String text = v.stripTrailingZeros().toPlainString();
            boolean expected = inRange(v, integer, lowGiven ? low : null, lowExclusive, highGiven ? high : null,
                    highExclusive) && !(integer && text.contains("."));
            assertThat(GrammarWalks.accepts(grammar, text)).as("%s in %s", text, schema).isEqualTo(expected);
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int walk = 0; walk < 20; walk++) {
            int budget = grammar.start().bytesToComplete() + random.nextInt(20);
            byte[] bytes = GrammarWalks.randomWalk(grammar, random, budget);
            BigDecimal value = new BigDecimal(GrammarWalks.decode(bytes));
            assertThat(inRange(value, integer, lowGiven ? low : null, lowExclusive, highGiven ? high : null,
                    highExclusive)).as("%s in %s", value, schema).isTrue();
            assertThat(GrammarWalks.STRICT.readTree(bytes).isNumber()).isTrue();
        }
    }

    private static boolean inRange(BigDecimal v, boolean integer, BigDecimal low, boolean lowExclusive, BigDecimal high,
            boolean highExclusive) {
        if (integer && v.stripTrailingZeros().scale() > 0) {
            return false;
        }
        if (low != null && (lowExclusive ? v.compareTo(low) <= 0 : v.compareTo(low) < 0)) {
            return false;
        }
        return high == null || (highExclusive ? v.compareTo(high) < 0 : v.compareTo(high) <= 0);
    }
}
