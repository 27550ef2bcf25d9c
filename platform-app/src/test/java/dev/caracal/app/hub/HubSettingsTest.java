package dev.caracal.app.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment variables huggingface_hub reads, read the same way. */
class HubSettingsTest {

    @TempDir
    Path home;

    @Test
    void defaultsToThePublicHubAndTheUsersCache() {
        HubSettings settings = HubSettings.fromEnvironment(Map.of(), home);

        assertThat(settings.endpoint()).isEqualTo(URI.create("https://huggingface.co"));
        assertThat(settings.token()).isEmpty();
        assertThat(settings.cacheDirectory()).isEqualTo(home.resolve(".cache/huggingface/hub"));
    }

    @Test
    void theCacheFollowsHfHubCacheThenHfHomeThenXdgCacheHome() {
        assertThat(HubSettings.fromEnvironment(Map.of("XDG_CACHE_HOME", "/xdg"), home).cacheDirectory())
                .isEqualTo(Path.of("/xdg/huggingface/hub"));
        assertThat(HubSettings.fromEnvironment(Map.of("XDG_CACHE_HOME", "/xdg", "HF_HOME", "~/hf"), home)
                .cacheDirectory()).isEqualTo(home.resolve("hf/hub"));
        assertThat(HubSettings.fromEnvironment(Map.of("HF_HOME", "/hf", "HUGGINGFACE_HUB_CACHE", "/old"), home)
                .cacheDirectory()).isEqualTo(Path.of("/old"));
        assertThat(HubSettings.fromEnvironment(Map.of("HF_HUB_CACHE", "/new", "HUGGINGFACE_HUB_CACHE", "/old"), home)
                .cacheDirectory()).isEqualTo(Path.of("/new"));
    }

    @Test
    void theTokenComesFromHfTokenElseTheLoginFile() throws Exception {
        Path huggingFaceHome = Files.createDirectories(home.resolve(".cache/huggingface"));
        Files.writeString(huggingFaceHome.resolve("token"), "hf_from_login\n");

        assertThat(HubSettings.fromEnvironment(Map.of(), home).token()).contains("hf_from_login");
        assertThat(HubSettings.fromEnvironment(Map.of("HF_TOKEN", "hf_from_environment"), home).token())
                .contains("hf_from_environment");
        assertThat(HubSettings.fromEnvironment(Map.of("HF_TOKEN", "hf_secret"), home).toString())
                .doesNotContain("hf_secret").contains("token=(set)");
    }

    @Test
    void theEndpointIsAnHttpUrlWithoutTrailingSlash() {
        assertThat(HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", "https://hf-mirror.com/"), home).endpoint())
                .isEqualTo(URI.create("https://hf-mirror.com"));
        assertThatThrownBy(() -> HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", "hf-mirror.com"), home))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be an http(s) URL such as https://huggingface.co");
        assertThat(new HubSettings(null, Optional.of("  "), home).token()).isEmpty();
    }
}
