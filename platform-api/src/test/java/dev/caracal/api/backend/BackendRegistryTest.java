package dev.caracal.api.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caracal.api.reference.ReferenceBackendProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** "auto" falls back past a backend whose probe says available but whose open fails; a named backend does not. */
class BackendRegistryTest {

    /** A provider whose probe says available and whose open fails, as when the driver rejects the kernels. */
    private static final class BrokenProvider implements BackendProvider {

        @Override
        public String name() {
            return "broken";
        }

        @Override
        public Availability probe() {
            return Availability.available(Map.of());
        }

        @Override
        public int score() {
            return 1000;
        }

        @Override
        public Backend open(BackendOptions options) {
            throw new IllegalStateException("the driver rejected the CUBIN");
        }
    }

    private final List<BackendRegistry.Entry> entries = List.of(
            new BackendRegistry.Entry(new BrokenProvider(), Availability.available(Map.of())),
            new BackendRegistry.Entry(new ReferenceBackendProvider(), Availability.available(Map.of())));

    @Test
    void autoFallsBackToTheNextAvailableBackendAndSaysWhy() {
        Logger logger = Logger.getLogger(BackendRegistry.class.getName());
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try (Backend backend = BackendRegistry.open("auto", BackendOptions.defaults(), entries)) {
            assertThat(backend.name()).isEqualTo("reference");
        } finally {
            logger.removeHandler(handler);
        }
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(java.text.MessageFormat.format(record.getMessage(), record.getParameters()))
                    .isEqualTo("backend broken is available but did not open (java.lang.IllegalStateException:"
                            + " the driver rejected the CUBIN); trying the next one");
        });
    }

    @Test
    void aNamedBackendFailsWithItsError() {
        assertThatThrownBy(() -> BackendRegistry.open("broken", BackendOptions.defaults(), entries))
                .isInstanceOf(IllegalStateException.class).hasMessage("the driver rejected the CUBIN");
    }

    @Test
    void whenEveryBackendFailsToOpenTheMessageNamesEachError() {
        assertThatThrownBy(() -> BackendRegistry.open(null, BackendOptions.defaults(), entries.subList(0, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no backend is available; broken: did not open: java.lang.IllegalStateException: the"
                        + " driver rejected the CUBIN");
    }
}
