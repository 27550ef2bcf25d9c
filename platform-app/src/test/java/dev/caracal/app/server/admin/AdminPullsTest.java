package dev.caracal.app.server.admin;

import static dev.caracal.app.server.admin.AdminHttp.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.hub.FakeHub;
import dev.caracal.app.server.CaracalServer;
import dev.caracal.formats.testing.SharedData;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model pulled through the admin API from a local server that answers as the hub does: the pull's progress, the
 * file in the hub cache listed with the models, loaded from there, its repository refused for deletion while loaded
 * and deleted once unloaded; a pull of a missing file fails with the hub's reason.
 */
class AdminPullsTest {

    private static final JsonMapper JSON = AdminHttp.JSON;

    @TempDir
    Path folder;

    private int port;

    @Test
    void aPulledModelIsCachedLoadedAndDeleted() throws Exception {
        byte[] model = Files.readAllBytes(SharedData.require("models/stories260K.gguf"));
        Path cache = Files.createDirectories(folder.resolve("hub"));
        try (FakeHub hub = FakeHub.start()) {
            hub.addLfsFile("karpathy/tinyllamas", "stories260K.gguf", model);
            try (ConfigurableApplicationContext server = CaracalServer.start(new String[] {"--server.port=0",
                "--caracal.demo-model=false", "--caracal.model-directories=" + folder,
                "--caracal.hub.endpoint=" + hub.endpoint(), "--caracal.hub.cache=" + cache})) {
                port = ((WebServerApplicationContext) server).getWebServer().getPort();
                HttpResponse<String> started = send("POST", "/admin/pulls",
                        "{\"repository\": \"karpathy/tinyllamas\", \"file\": \"stories260K.gguf\"}");
                assertThat(started.statusCode()).isEqualTo(202);
                String id = JSON.readTree(started.body()).get("id").asString();
                JsonNode pull = awaitPull(id);
                assertThat(pull.get("state").asString()).as(pull.toString()).isEqualTo("done");
                assertThat(pull.get("bytesDone").asLong()).isEqualTo(model.length);
                Path pulled = Path.of(pull.get("path").asString());
                assertThat(Files.readAllBytes(pulled)).isEqualTo(model);
                assertThat(pulled.toString()).contains("models--karpathy--tinyllamas", "snapshots");

                JsonNode cached = get("/admin/models").get("cached");
                assertThat(cached.toString()).contains("karpathy/tinyllamas", "stories260K.gguf");
                assertThat(send("POST", "/admin/models", "{\"path\": \"" + pulled + "\", \"alias\": \"pulled\"}")
                        .statusCode()).isEqualTo(202);
                awaitTrue(() -> get("/admin/models").get("loaded").toString().contains("\"state\":\"ready\""));
                HttpResponse<String> refused = send("DELETE", "/admin/cache/karpathy/tinyllamas", null);
                assertThat(refused.statusCode()).isEqualTo(409);
                assertThat(refused.body()).contains("unload it first");
                send("DELETE", "/admin/models/pulled", null);
                awaitTrue(() -> get("/admin/models").get("loaded").isEmpty());
                assertThat(send("DELETE", "/admin/cache/karpathy/tinyllamas", null).statusCode()).isEqualTo(204);
                assertThat(get("/admin/models").get("cached")).isEmpty();
                assertThat(Files.exists(cache.resolve("models--karpathy--tinyllamas"))).isFalse();

                HttpResponse<String> missing = send("POST", "/admin/pulls",
                        "{\"repository\": \"karpathy/tinyllamas\", \"file\": \"nothing.gguf\"}");
                JsonNode failed = awaitPull(JSON.readTree(missing.body()).get("id").asString());
                assertThat(failed.get("state").asString()).isEqualTo("failed");
                assertThat(failed.get("error").asString()).contains("nothing.gguf");
                assertThat(send("POST", "/admin/pulls", "{\"repository\": \"../etc\", \"file\": \"x\"}")
                        .statusCode()).isEqualTo(400);
            }
        }
    }

    private JsonNode awaitPull(String id) throws Exception {
        JsonNode[] found = new JsonNode[1];
        awaitTrue(() -> {
            for (JsonNode pull : get("/admin/pulls")) {
                if (pull.get("id").asString().equals(id) && !pull.get("state").asString().equals("running")) {
                    found[0] = pull;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private JsonNode get(String path) throws Exception {
        return new AdminHttp(port).get(path);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return new AdminHttp(port).send(method, path, body);
    }
}
