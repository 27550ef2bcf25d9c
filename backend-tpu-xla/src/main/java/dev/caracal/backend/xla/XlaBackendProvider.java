package dev.caracal.backend.xla;

import dev.caracal.api.backend.Availability;
import dev.caracal.api.backend.Backend;
import dev.caracal.api.backend.BackendOptions;
import dev.caracal.api.backend.BackendProvider;
import dev.caracal.backend.xla.internal.NamedValue;
import dev.caracal.backend.xla.internal.PjrtApi;
import dev.caracal.backend.xla.internal.PjrtClient;
import dev.caracal.backend.xla.internal.PjrtDevice;
import dev.caracal.backend.xla.internal.PjrtPluginException;
import dev.caracal.backend.xla.internal.PluginLocator;
import dev.caracal.backend.xla.internal.XlaException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link BackendProvider} of TPUs and other XLA devices, through a PJRT plugin ({@link PluginLocator} says where it
 * is looked for). Its probe says what is missing: the plugin (and where it looked), a plugin that does not load or
 * speaks an older PJRT C API; where a plugin loads it describes it (API version, platform, devices), and warns where
 * the plugin is newer than the bindings ({@link PjrtApi} states the version policy). Until the backend
 * has been checked through a real plugin it is available only when {@code caracal.backend.xla.enable} (or
 * {@code CARACAL_XLA_ENABLE}) is {@code true}, and says so.
 */
public final class XlaBackendProvider implements BackendProvider {

    /** The backend's name. */
    public static final String NAME = "xla";

    /** The reason even a working plugin does not make the backend available. */
    static final String NOT_WRITTEN = "the XLA backend's programs are checked by an interpreter but not yet through a"
            + " real plugin: set -D" + "caracal.backend.xla.enable=true (or CARACAL_XLA_ENABLE=true) to use it anyway";

    /** The switch that makes a loading plugin available before the backend is checked on real hardware. */
    static final String ENABLE_PROPERTY = "caracal.backend.xla.enable";

    /** What a plugin said when its client was created, once per plugin file for the process. */
    private static final Map<Path, ClientFacts> CLIENTS = new ConcurrentHashMap<>();

    private record ClientFacts(Map<String, String> details, List<String> problems) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Availability probe() {
        try {
            return probe(PluginLocator.find(System.getProperty(PluginLocator.PROPERTY), System.getenv()));
        } catch (RuntimeException unexpected) {
            return Availability.unavailable("probing for a PJRT plugin failed: " + unexpected);
        }
    }

    /** The probe's answer from the search's result (a test gives its own), with the switch as configured. */
    static Availability probe(PluginLocator.Search search) {
        return probe(search, enabled());
    }

    /** Whether {@link #ENABLE_PROPERTY} or {@code CARACAL_XLA_ENABLE} is {@code true}. */
    static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty(ENABLE_PROPERTY, System.getenv("CARACAL_XLA_ENABLE")));
    }

    /** The probe's answer, the backend being available where a plugin loads and {@code enabled} is true. */
    static Availability probe(PluginLocator.Search search, boolean enabled) {
        if (search.found().isEmpty()) {
            return Availability.unavailable(search.describeMissing());
        }
        Path plugin = search.found().get();
        PjrtApi api;
        try {
            api = PjrtApi.load(plugin);
        } catch (PjrtPluginException refused) {
            return Availability.unavailable(refused.getMessage());
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("plugin", plugin.toString());
        details.put("pjrtApiVersion", api.version());
        api.newerThanBindingsWarning().ifPresent(warning -> details.put("pjrtApiWarning", warning));
        List<String> reasons = new ArrayList<>();
        try {
            for (NamedValue attribute : api.attributes()) {
                details.put(attribute.name(), String.valueOf(attribute.value()));
            }
        } catch (XlaException | IllegalStateException failure) {
            reasons.add("plugin " + plugin + " did not give its attributes: " + failure.getMessage());
        }
        ClientFacts client = CLIENTS.computeIfAbsent(plugin.toAbsolutePath(), ignored -> describeClient(api));
        details.putAll(client.details());
        reasons.addAll(client.problems());
        if (reasons.isEmpty() && enabled) {
            details.put("checked", "by an interpreter, not yet through a real plugin");
            return Availability.available(details);
        }
        if (!enabled) {
            reasons.add(NOT_WRITTEN);
        }
        return new Availability(false, reasons, details);
    }

    /** Creates a client to learn the platform and its devices, then closes it. */
    private static ClientFacts describeClient(PjrtApi api) {
        Map<String, String> details = new LinkedHashMap<>();
        try (PjrtClient client = api.createClient(clientOptions(api.plugin()))) {
            details.put("platform", client.platformName());
            details.put("platformVersion", client.platformVersion());
            List<PjrtDevice> devices = client.addressableDevices();
            for (int i = 0; i < devices.size(); i++) {
                details.put("device" + i, devices.get(i).kind());
            }
            return new ClientFacts(details, List.of());
        } catch (XlaException | IllegalStateException failure) {
            return new ClientFacts(details, List.of("plugin " + api.plugin() + " could not create a client: "
                    + failure.getMessage()));
        }
    }

    /** The GPU plugins preallocate most of the device's memory unless told not to; a probe needs none of it. */
    static List<NamedValue> clientOptions(Path plugin) {
        String name = plugin.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean gpu = name.contains("cuda") || name.contains("rocm") || plugin.toString().contains("xla_cuda");
        return gpu ? List.of(NamedValue.of("preallocate", false)) : List.of();
    }

    /** Ranks between the CPU backend (100) and the CUDA backend (200). */
    @Override
    public int score() {
        return 150;
    }

    @Override
    public Backend open(BackendOptions options) {
        PluginLocator.Search search = PluginLocator.find(System.getProperty(PluginLocator.PROPERTY), System.getenv());
        Availability availability = probe(search);
        if (!availability.available()) {
            throw new IllegalStateException("the XLA backend is unavailable: " + String.join("; ",
                    availability.reasons()));
        }
        return new XlaBackend(PluginDevice.open(search.found().orElseThrow()));
    }
}
