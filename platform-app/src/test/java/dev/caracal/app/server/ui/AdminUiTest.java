package dev.caracal.app.server.ui;

import static dev.caracal.app.server.ui.AdminUiBrowser.test;
import static dev.caracal.app.server.ui.AdminUiBrowser.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.hub.FakeHub;
import dev.caracal.app.server.CaracalServer;
import dev.caracal.engine.api.EngineOptions;
import dev.caracal.engine.api.FinishReason;
import dev.caracal.engine.api.LocalEngine;
import dev.caracal.engine.api.SamplingParameters;
import dev.caracal.engine.api.TokenChunk;
import dev.caracal.formats.template.ChatMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin UI in Chromium against a gateway that starts with no model and one file in its model directory: load
 * stories260K from the Models page, pin it, chat with it in the playground (the streamed text is the engine's own
 * greedy answer), stop a stream midway (the gateway cancels the request), watch the dashboard's numbers move under
 * requests, look at the other pages, pull a file from a local stand-in for the hub (progress, failure, deletion),
 * unload it. The steps run in order on one page; the main ones save a screenshot under
 * {@code platform-app/target/screenshots/}.
 */
@SpringBootTest(classes = CaracalServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "caracal.demo-model=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminUiTest {

    private static final String MODEL = "stories";
    private static final String SYSTEM = "You are a storyteller.";
    private static final String PROMPT = "Once upon a time";
    private static final int MAX_TOKENS = 48;
    /** The scalar reference backend: these tests are of the page, not of a backend's kernels. */
    private static final String BACKEND = "reference";
    /** A second deployment of the file, on the test backend whose steps are slow enough to stop mid-stream. */
    private static final String SLOW = "stories-slow";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REPOSITORY = "karpathy/tinyllamas";
    private static final String FILE = "[data-test=available-file][data-path$='/stories260K.gguf']";

    @LocalServerPort
    int port;

    private AdminUiBrowser browser;

    /** A local server that answers as the hub does, holding stories260K.gguf as {@value #REPOSITORY}. */
    private static FakeHub hub;

    @DynamicPropertySource
    static void configuration(DynamicPropertyRegistry properties) {
        properties.add("caracal.model-directories[0]", () -> AdminUiModels.directory().toString());
        properties.add("caracal.hub.endpoint", () -> hub().endpoint().toString());
        properties.add("caracal.hub.cache", () -> AdminUiModels.hubCache().toString());
    }

    private static synchronized FakeHub hub() {
        if (hub == null) {
            try {
                hub = FakeHub.start();
                hub.addLfsFile(REPOSITORY, "stories260K.gguf", Files.readAllBytes(AdminUiModels.stories()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return hub;
    }

    @BeforeAll
    void openBrowser() {
        browser = AdminUiBrowser.start();
        browser.open(base() + "/admin/");
        browser.find(By.cssSelector("main[data-view=dashboard]"));
    }

    @AfterAll
    void closeBrowserAndHub() {
        try {
            if (browser != null) {
                try {
                    browser.assertNoScriptErrors();
                } finally {
                    browser.close();
                }
            }
        } finally {
            if (hub != null) {
                hub.close();
            }
        }
    }

    @Test
    @Order(1)
    void loadsStoriesFromTheModelsPage() {
        browser.find(test("no-models"));
        browser.nav("models");
        browser.find(test("no-loaded-models"));
        browser.click(By.cssSelector(FILE + " [data-test=load]"));
        browser.type("load-alias", MODEL);
        browser.type("load-kv-memory", "64MB");
        browser.type("load-backend", BACKEND);
        browser.byId("load-submit").click();
        String row = browser.await(Duration.ofSeconds(120), d -> d.findElement(
                By.cssSelector("[data-test=loaded-model][data-model=stories][data-state=ready]")).getText());
        assertThat(row).contains("stories260K.gguf").contains(BACKEND);
        assertThat(browser.find(test("load-status")).getText()).contains("ready");
        assertThat(loadedAs()).isEqualTo(MODEL);
        browser.screenshot("models");
    }

    @Test
    @Order(2)
    void pinsAndUnpinsIt() {
        By pin = By.cssSelector("[data-test=loaded-model][data-model=stories] [data-test=pin]");
        browser.click(pin);
        browser.await(Duration.ofSeconds(10), d -> "true".equals(d.findElement(pin).getDomAttribute("aria-pressed")));
        browser.click(pin);
        browser.await(Duration.ofSeconds(10), d -> "false".equals(d.findElement(pin).getDomAttribute("aria-pressed")));
    }

    @Test
    @Order(3)
    void streamsTheEnginesGreedyAnswerInThePlayground() throws IOException {
        String expected = greedyChat();
        browser.nav("playground");
        browser.await(Duration.ofSeconds(15), d -> d.findElement(
                By.cssSelector("#playground-model option[value=stories]")));
        new Select(browser.byId("playground-model")).selectByValue(MODEL);
        browser.type("playground-system", SYSTEM);
        browser.type("playground-temperature", "0");
        browser.type("playground-max-tokens", String.valueOf(MAX_TOKENS));
        browser.type("playground-input", PROMPT);
        browser.byId("playground-input").sendKeys(Keys.ENTER);
        WebElement answer = browser.await(Duration.ofSeconds(60), d -> d.findElement(
                By.cssSelector("[data-test=message][data-role=assistant][data-state=done]")));
        assertThat(text(answer.findElement(By.className("message-text")))).isEqualTo(expected);
        assertThat(browser.findAll(By.cssSelector("[data-test=message][data-role=user]"))).hasSize(1);
        WebElement stats = browser.byId("playground-stats");
        assertThat(stats.getText()).contains("tokens/s");
        assertThat(Integer.parseInt(stats.getDomAttribute("data-tokens"))).isPositive().isLessThanOrEqualTo(MAX_TOKENS);
        assertThat(browser.byId("playground-stop").isEnabled()).isFalse();
        browser.screenshot("playground");
    }

    @Test
    @Order(4)
    void stopEndsTheStreamAndTheGatewayCancelsTheRequest() throws IOException, InterruptedException {
        // A second deployment of the file on the test backend whose every step takes at least 20 ms.
        browser.nav("models");
        browser.click(By.cssSelector(FILE + " [data-test=load]"));
        browser.type("load-alias", SLOW);
        browser.type("load-kv-memory", "16MB");
        browser.type("load-backend", "slow");
        browser.byId("load-submit").click();
        browser.await(Duration.ofSeconds(120), d -> d.findElement(
                By.cssSelector("[data-test=loaded-model][data-model=stories-slow][data-state=ready]")));

        browser.nav("playground");
        browser.byId("playground-clear").click();
        assertThat(browser.findAll(test("message"))).isEmpty();
        browser.await(Duration.ofSeconds(15), d -> d.findElement(
                By.cssSelector("#playground-model option[value=stories-slow]")));
        new Select(browser.byId("playground-model")).selectByValue(SLOW);
        browser.type("playground-max-tokens", "1000");
        browser.type("playground-input", PROMPT);
        browser.byId("playground-send").click();
        By streaming = By.cssSelector("[data-test=message][data-role=assistant][data-state=streaming] .message-text");
        browser.await(Duration.ofSeconds(30), d -> !text(d.findElement(streaming)).isEmpty());
        browser.byId("playground-stop").click();
        WebElement stopped = browser.await(Duration.ofSeconds(10), d -> d.findElement(
                By.cssSelector("[data-test=message][data-role=assistant][data-state=stopped]")));
        assertThat(text(stopped.findElement(By.className("message-text")))).isNotEmpty();
        assertThat(stopped.getText()).contains("stopped");
        assertThat(browser.byId("playground-send").isEnabled()).isTrue();
        // Aborting the fetch closed the connection, and the gateway cancelled the request.
        try (HttpClient client = HttpClient.newHttpClient()) {
            browser.await(Duration.ofSeconds(10), d -> runningRequests(client, SLOW) == 0);
        }

        browser.nav("models");
        browser.click(By.cssSelector("[data-test=loaded-model][data-model=stories-slow] [data-test=unload]"));
        browser.await(Duration.ofSeconds(60), d -> d.findElements(
                By.cssSelector("[data-test=loaded-model][data-model=stories-slow]")).isEmpty());
    }

    @Test
    @Order(5)
    void theDashboardsNumbersMoveUnderRequests() throws InterruptedException {
        browser.nav("dashboard");
        By section = By.cssSelector("[data-test=model-live][data-model=stories]");
        browser.find(section);
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        Thread traffic = Thread.ofVirtual().start(() -> {
            try (HttpClient client = HttpClient.newHttpClient()) {
                while (sending.get()) {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                                    URI.create(base() + "/v1/chat/completions"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"stories\", \"max_tokens\": 32,"
                                    + " \"messages\": [{\"role\": \"user\", \"content\": \"Tell me about "
                                    + answered.get() + " cats\"}]}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    answered.incrementAndGet();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            String updated = browser.find(test("live-updated")).getText();
            browser.await(Duration.ofSeconds(30), d -> {
                WebElement live = d.findElement(section);
                return positive(live, "stat-generatedTokensPerSecond") && positive(live, "stat-requestsPerSecond")
                        && positive(live, "stat-timeToFirstToken") && positive(live, "stat-timePerOutputToken")
                        && !live.findElements(By.cssSelector("[data-test=chart-throughput] path.series")).isEmpty();
            });
            browser.await(Duration.ofSeconds(10), d -> !d.findElement(test("live-updated")).getText().equals(updated));
            assertThat(browser.byId("live-status").getText()).startsWith("Live");
            browser.screenshot("dashboard");
        } finally {
            sending.set(false);
            traffic.join(Duration.ofSeconds(30));
        }
        assertThat(answered.get()).isPositive();
    }

    @Test
    @Order(6)
    void showsTheFilesDetailsBackendsPrefixCacheAndTenants() {
        browser.nav("models");
        browser.click(By.cssSelector(FILE + " [data-test=inspect]"));
        assertThat(browser.find(test("inspect-architecture")).getText()).contains("llama");
        assertThat(browser.find(test("inspect-file")).getText()).contains("GGUF");
        browser.screenshot("inspect");

        browser.nav("backends");
        browser.find(By.cssSelector("[data-test=backend][data-backend=cpu][data-available=true]"));
        browser.find(By.cssSelector("[data-test=backend][data-backend=reference]"));
        browser.screenshot("backends");

        browser.nav("cache");
        WebElement cache = browser.find(By.cssSelector("[data-test=cache-model][data-model=stories]"));
        assertThat(Integer.parseInt(cache.findElement(test("blocks-total")).getText().replace(",", ""))).isPositive();
        assertThat(cache.findElement(test("tier")).getText()).contains("No Redis tier");
        browser.screenshot("cache");

        browser.nav("tenants");
        browser.find(test("no-tenants"));
        browser.screenshot("tenants");
    }

    @Test
    @Order(7)
    void pullsAFileFromTheHubWithItsProgressAndDeletesIt() throws IOException {
        browser.nav("models");
        browser.find(test("no-cached-models"));
        assertThat(browser.find(test("hub-cache")).getText()).contains("admin-ui-hub");
        browser.type("pull-repository", REPOSITORY);
        browser.type("pull-file", "stories260K.gguf");
        browser.byId("pull-submit").click();
        WebElement pulled = browser.await(Duration.ofSeconds(60), d -> d.findElement(
                By.cssSelector("[data-test=pull][data-state=done]")));
        WebElement progress = pulled.findElement(By.tagName("progress"));
        assertThat(progress.getDomProperty("value")).isEqualTo(progress.getDomProperty("max"));
        String size = String.format(Locale.ROOT, "%.2f MiB", Files.size(AdminUiModels.stories()) / 1048576.0);
        assertThat(pulled.findElement(test("pull-progress")).getText()).startsWith(size + " of " + size);
        browser.find(By.cssSelector("[data-test=cached-model][data-repository='" + REPOSITORY + "']"));
        browser.screenshot("models-hub");

        // A file the repository does not have: the pull fails with the hub's reason.
        browser.type("pull-file", "nothing.gguf");
        browser.byId("pull-submit").click();
        WebElement failed = browser.await(Duration.ofSeconds(60), d -> d.findElement(
                By.cssSelector("[data-test=pull][data-state=failed]")));
        assertThat(failed.getText()).contains("nothing.gguf");

        // Deleting asks first.
        browser.click(By.cssSelector("[data-test=cached-model][data-repository='" + REPOSITORY + "']"
                + " [data-test=delete-cached]"));
        browser.await(Duration.ofSeconds(5), ExpectedConditions.alertIsPresent()).accept();
        browser.await(Duration.ofSeconds(10), d -> d.findElement(test("no-cached-models")));
        assertThat(AdminUiModels.hubCache().resolve("models--karpathy--tinyllamas")).doesNotExist();
    }

    @Test
    @Order(8)
    void unloadsIt() throws IOException, InterruptedException {
        browser.nav("models");
        browser.click(By.cssSelector("[data-test=loaded-model][data-model=stories] [data-test=unload]"));
        browser.await(Duration.ofSeconds(60), d -> d.findElement(test("no-loaded-models")));
        browser.await(Duration.ofSeconds(10), d -> loadedAs().equals("—"));
        try (HttpClient client = HttpClient.newHttpClient()) {
            String models = client.send(HttpRequest.newBuilder(URI.create(base() + "/v1/models")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(models).doesNotContain("\"stories\"");
        }
        browser.screenshot("models-unloaded");
    }

    /** What the file's row says it is loaded as. */
    private String loadedAs() {
        return browser.await(Duration.ofSeconds(10), d -> d.findElement(By.cssSelector(FILE + " [data-test=loaded-as]"))
                .getText());
    }

    /** Whether the stat's raw value ({@code data-value}) is a number above zero. */
    private static boolean positive(WebElement live, String stat) {
        String value = live.findElement(test(stat)).getDomAttribute("data-value");
        try {
            return value != null && Double.parseDouble(value) > 0;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    /** The running requests of {@code model} in {@code GET /admin/live}. */
    private int runningRequests(HttpClient client, String model) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/admin/live")).build();
            JsonNode live = JSON.readTree(client.send(request, HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode entry : live.get("models")) {
                if (entry.get("name").stringValue().equals(model)) {
                    return entry.get("runningRequests").intValue();
                }
            }
            throw new AssertionError(model + " is not in " + live);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    /** The oracle: the engine's greedy answer to the same conversation, on the same file, without the gateway. */
    private static String greedyChat() throws IOException {
        try (LocalEngine engine = LocalEngine.open(AdminUiModels.stories(),
                EngineOptions.defaults().withBackend(BACKEND).withKvCacheBytes(64L << 20))) {
            List<TokenChunk> chunks = engine.chat(List.of(ChatMessage.system(SYSTEM), ChatMessage.user(PROMPT)),
                    SamplingParameters.greedy().toBuilder().maxTokens(MAX_TOKENS).build())
                    .collectList().block(Duration.ofSeconds(60));
            assertThat(chunks.getLast().finishReason()).as(chunks.getLast().error())
                    .isNotEqualTo(FinishReason.ERROR);
            String text = chunks.stream().map(TokenChunk::text).reduce("", String::concat);
            assertThat(text).isNotBlank();
            return text;
        }
    }
}
