package dev.caracal.app.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress events on a clock the test moves: at once, then at most every 100 ms, and always at the end. */
class PullProgressReporterTest {

    @Test
    void reportsAtMostEveryHundredMillisecondsAndAlwaysTheEnd() {
        AtomicLong nanos = new AtomicLong(5_000_000_000L);
        List<PullProgress> events = new ArrayList<>();
        PullProgressReporter reporter = new PullProgressReporter(events::add, 1_000, 11_000, nanos::get);

        reporter.update(1_000);
        nanos.addAndGet(50_000_000);
        reporter.update(2_000);
        nanos.addAndGet(50_000_000);
        reporter.update(6_000);
        nanos.addAndGet(10_000_000);
        reporter.update(7_000);
        nanos.addAndGet(90_000_000);
        reporter.finish(11_000);

        assertThat(events).containsExactly(
                new PullProgress(1_000, 11_000, 0, false),
                new PullProgress(6_000, 11_000, 5_000 / 0.1, false),
                new PullProgress(11_000, 11_000, 10_000 / 0.2, true));
        assertThat(events.get(1).fraction()).isEqualTo(6_000 / 11_000.0);
    }
}
