package dev.caracal.app.cli;

import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendRegistry;
import dev.caracal.api.backend.DeviceInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code caracal backends}: every backend found through ServiceLoader, whether it can run here, and its devices. */
@Command(
        name = "backends",
        mixinStandardHelpOptions = true,
        description = "Lists every hardware backend on the class path with its probe result and devices.")
final class BackendsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<BackendRegistry.Entry> entries = BackendRegistry.discover();
        if (entries.isEmpty()) {
            out.println("no backends on the class path");
        }
        for (BackendRegistry.Entry entry : entries) {
            var availability = entry.availability();
            out.printf("%s (score %d): %s%n", entry.provider().name(), entry.provider().score(),
                    availability.available() ? "available" : "unavailable: " + String.join("; ", availability.reasons()));
            availability.details().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(detail -> out.printf("    %s: %s%n", detail.getKey(), detail.getValue()));
            if (availability.available()) {
                try (Backend backend = entry.provider().open(BackendOptions.defaults())) {
                    for (DeviceInfo device : backend.devices()) {
                        out.printf("    device: %s (%s%s)%n", device.name(), device.kind(),
                                device.memoryBytes() >= 0 ? String.format(", %,d MiB", device.memoryBytes() >> 20) : "");
                    }
                } catch (RuntimeException failure) {
                    out.printf("    could not open: %s%n", CaracalCommand.describe(failure));
                }
            }
        }
        out.flush();
        return 0;
    }
}
