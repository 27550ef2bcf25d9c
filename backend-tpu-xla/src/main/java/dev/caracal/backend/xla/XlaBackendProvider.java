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
 * the plugin is newer than the bindings ({@link PjrtApi} states the version policy). A GPU plugin's client is created
 * with {@code preallocate} ({@value #PREALLOCATE}, else {@code CARACAL_XLA_PREALLOCATE}, default false) and, where set,
 * {@code memory_fraction} ({@value #MEMORY_FRACTION}, else {@code CARACAL_XLA_MEMORY_FRACTION}); other plugins get no
 * options. Until the backend has been checked through a real plugin it is available only when
 * {@code caracal.backend.xla.enable} (or {@code CARACAL_XLA_ENABLE}) is {@code true}, and says so.
 */
public final class XlaBackendProvider implements BackendProvider {

    /** The backend's name. */
    public static final String NAME = "xla";

    /** The reason even a working plugin does not make the backend available. */
    static final String NOT_WRITTEN = "the XLA backend's programs are checked by an interpreter but not yet through a"
            + " real plugin: set -D" + "caracal.backend.xla.enable=true (or CARACAL_XLA_ENABLE=true) to use it anyway";

    /** The switch that makes a loading plugin available before the backend is checked on real hardware. */
    static final String ENABLE_PROPERTY = "caracal.backend.xla.enable";

    /** The share of a GPU's memory its plugin may take, a number in (0, 1]: {@code memory_fraction}. */
    static final String MEMORY_FRACTION = "caracal.backend.xla.memory-fraction";

    /** Whether a GPU plugin takes its memory at once: {@code preallocate}. */
    static final String PREALLOCATE = "caracal.backend.xla.preallocate";

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
        List<NamedValue> options;
        try {
            options = clientOptions(plugin);
        } catch (IllegalArgumentException badSetting) {
            return new Availability(false, List.of(badSetting.getMessage()), details);
        }
        try {
            for (NamedValue attribute : api.attributes()) {
                details.put(attribute.name(), String.valueOf(attribute.value()));
            }
        } catch (XlaException | IllegalStateException failure) {
            reasons.add("plugin " + plugin + " did not give its attributes: " + failure.getMessage());
        }
        ClientFacts client = CLIENTS.computeIfAbsent(plugin.toAbsolutePath(), ignored -> describeClient(api, options));
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
    private static ClientFacts describeClient(PjrtApi api, List<NamedValue> options) {
        Map<String, String> details = new LinkedHashMap<>();
        try (PjrtClient client = api.createClient(options)) {
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

    /**
     * The client options for {@code plugin}, from {@value #MEMORY_FRACTION} and {@value #PREALLOCATE} as configured.
     */
    static List<NamedValue> clientOptions(Path plugin) {
        return clientOptions(plugin, setting(MEMORY_FRACTION, "CARACAL_XLA_MEMORY_FRACTION"),
                setting(PREALLOCATE, "CARACAL_XLA_PREALLOCATE"));
    }

    /**
     * The client options for {@code plugin} given the two settings' values (null where unset). The GPU plugins
     * preallocate most of the device's memory unless told not to, and a probe needs none of it, so
     * {@code preallocate} defaults to false; other plugins know neither option and get none.
     *
     * @throws IllegalArgumentException naming the setting and its value, where a value is not one it takes
     */
    static List<NamedValue> clientOptions(Path plugin, String memoryFraction, String preallocate) {
        String name = plugin.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean gpu = name.contains("cuda") || name.contains("rocm") || plugin.toString().contains("xla_cuda");
        if (!gpu) {
            return List.of();
        }
        List<NamedValue> options = new ArrayList<>();
        if (memoryFraction != null) {
            options.add(NamedValue.of("memory_fraction", fraction(memoryFraction)));
        }
        options.add(NamedValue.of("preallocate", preallocate != null && preallocate(preallocate)));
        return List.copyOf(options);
    }

    /** The system property {@code property}, else the environment variable {@code variable}; null where blank. */
    private static String setting(String property, String variable) {
        String value = System.getProperty(property, System.getenv(variable));
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static float fraction(String value) {
        float fraction;
        try {
            fraction = Float.parseFloat(value);
        } catch (NumberFormatException notANumber) {
            fraction = Float.NaN;
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException(MEMORY_FRACTION + " (or CARACAL_XLA_MEMORY_FRACTION) must be a number"
                    + " greater than 0 and at most 1, the share of the GPU's memory the plugin may take, not '"
                    + value + "'");
        }
        return fraction;
    }

    private static boolean preallocate(String value) {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(PREALLOCATE + " (or CARACAL_XLA_PREALLOCATE) must be true or false,"
                    + " not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
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
