package dev.caracal.app.hub;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the hub is, the token it gets and where its files are cached, from the environment huggingface_hub reads.
 *
 * @param endpoint       the hub's base URL, {@code https://huggingface.co} unless {@code HF_ENDPOINT} says otherwise
 * @param token          the access token sent as {@code Authorization: Bearer} to the hub (never to its CDN)
 * @param cacheDirectory the cache in Hugging Face's layout ({@code models--ORG--NAME/blobs, snapshots, refs})
 */
public record HubSettings(URI endpoint, Optional<String> token, Path cacheDirectory) {

    /** The public hub. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");

    public HubSettings {
        endpoint = checkEndpoint(endpoint);
        token = token == null ? Optional.empty() : token.map(String::strip).filter(value -> !value.isEmpty());
        if (cacheDirectory == null) {
            throw new IllegalArgumentException("the hub cache directory is missing");
        }
    }

    /** The settings of this process's environment and user. */
    public static HubSettings fromEnvironment() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * The settings of {@code environment}: {@code HF_ENDPOINT}; the token from {@code HF_TOKEN} (or the older
     * {@code HUGGING_FACE_HUB_TOKEN}), else the file {@code huggingface-cli login} writes ({@code HF_TOKEN_PATH}, by
     * default {@code $HF_HOME/token}); the cache from {@code HF_HUB_CACHE} (or {@code HUGGINGFACE_HUB_CACHE}), else
     * {@code $HF_HOME/hub}, with {@code HF_HOME} defaulting to {@code $XDG_CACHE_HOME/huggingface} and that to
     * {@code ~/.cache/huggingface}.
     */
    static HubSettings fromEnvironment(Map<String, String> environment, Path home) {
        URI endpoint = value(environment, "HF_ENDPOINT").map(HubSettings::parseEndpoint).orElse(DEFAULT_ENDPOINT);
        Path huggingFaceHome = value(environment, "HF_HOME").map(path -> expand(path, home))
                .orElseGet(() -> value(environment, "XDG_CACHE_HOME").map(path -> expand(path, home))
                        .orElse(home.resolve(".cache")).resolve("huggingface"));
        Path cache = value(environment, "HF_HUB_CACHE").or(() -> value(environment, "HUGGINGFACE_HUB_CACHE"))
                .map(path -> expand(path, home)).orElse(huggingFaceHome.resolve("hub"));
        Optional<String> token = value(environment, "HF_TOKEN")
                .or(() -> value(environment, "HUGGING_FACE_HUB_TOKEN"))
                .or(() -> readToken(value(environment, "HF_TOKEN_PATH").map(path -> expand(path, home))
                        .orElse(huggingFaceHome.resolve("token"))));
        return new HubSettings(endpoint, token, cache);
    }

    public HubSettings withEndpoint(URI value) {
        return new HubSettings(value, token, cacheDirectory);
    }

    public HubSettings withToken(String value) {
        return new HubSettings(endpoint, Optional.ofNullable(value), cacheDirectory);
    }

    public HubSettings withCacheDirectory(Path value) {
        return new HubSettings(endpoint, token, value);
    }

    /** The settings without the token's value (a record would print it). */
    @Override
    public String toString() {
        return "HubSettings[endpoint=" + endpoint + ", token=" + (token.isPresent() ? "(set)" : "(none)")
                + ", cacheDirectory=" + cacheDirectory + "]";
    }

    private static URI checkEndpoint(URI endpoint) {
        if (endpoint == null) {
            return DEFAULT_ENDPOINT;
        }
        String scheme = endpoint.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || endpoint.getHost() == null || endpoint.getQuery() != null || endpoint.getFragment() != null) {
            throw new IllegalArgumentException("the hub endpoint must be an http(s) URL such as"
                    + " https://huggingface.co (HF_ENDPOINT or --endpoint), not '" + endpoint + "'");
        }
        String text = endpoint.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : endpoint;
    }

    private static URI parseEndpoint(String text) {
        try {
            return new URI(text);
        } catch (java.net.URISyntaxException malformed) {
            throw new IllegalArgumentException("HF_ENDPOINT must be an http(s) URL such as https://huggingface.co,"
                    + " not '" + text + "'");
        }
    }

    private static Optional<String> value(Map<String, String> environment, String name) {
        return Optional.ofNullable(environment.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    private static Path expand(String path, Path home) {
        return path.equals("~") ? home : path.startsWith("~/") ? home.resolve(path.substring(2)) : Path.of(path);
    }

    private static Optional<String> readToken(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
        } catch (IOException | SecurityException unreadable) {
            return Optional.empty();
        }
    }
}
