package dev.caracal.app.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.formats.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, for the admin UI's tests: finding elements by id and
 * {@code data-test}, waiting, screenshots under {@code platform-app/target/screenshots/}, and the page's script errors.
 * Without Chromium or chromedriver a test is skipped, saying what to install, except under {@code CI=true}, where it
 * fails.
 */
final class AdminUiBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** Selenium's CDP support lags Chromium's releases; its warning says nothing these tests use. */
    private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    private final ChromeDriver driver;

    private AdminUiBrowser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A new browser, or a skipped (in CI, failed) test when Chromium or chromedriver is not installed. */
    static AdminUiBrowser start() {
        for (Path tool : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(tool)) {
                String message = tool + " is missing: the admin UI's browser tests drive Debian's headless Chromium"
                        + " (apt-get install chromium chromium-driver)";
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    throw new AssertionError(message);
                }
                Assumptions.abort(message);
            }
        }
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new AdminUiBrowser(new ChromeDriver(service, options));
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    /** Clicks the navigation's link to {@code route} ({@code models}) and waits for its view. */
    void nav(String route) {
        find(By.cssSelector("#nav a[data-route=\"" + route + "\"]")).click();
        find(By.cssSelector("main[data-view=\"" + route + "\"]"));
    }

    static By test(String name) {
        return By.cssSelector("[data-test=\"" + name + "\"]");
    }

    /**
     * Clicks the element {@code by} finds, finding it again when the page re-rendered it between finding and clicking
     * (the pages redraw their lists on every change); the element is scrolled to the middle of the window first.
     */
    void click(By by) {
        await(Duration.ofSeconds(10), d -> {
            try {
                WebElement element = d.findElement(by);
                // Into the middle of the window: at its top edge, the page's sticky bar would take the click.
                driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
                element.click();
                return true;
            } catch (StaleElementReferenceException | NoSuchElementException redrawn) {
                return false;
            }
        });
    }

    WebElement byId(String id) {
        return await(Duration.ofSeconds(10), d -> d.findElement(By.id(id)));
    }

    WebElement find(By by) {
        return await(Duration.ofSeconds(10), d -> d.findElement(by));
    }

    List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /**
     * Waits until {@code condition} gives something other than null or false, and gives it; an element that the page
     * re-rendered meanwhile (stale) is looked for again.
     */
    <T> T await(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(50)).ignoring(StaleElementReferenceException.class)
                .until(condition::apply);
    }

    /** The text of an element as the page holds it (textContent: every space and line break). */
    static String text(WebElement element) {
        return element.getDomProperty("textContent");
    }

    /** Types {@code value} into the input with {@code id}, after clearing it. */
    void type(String id, String value) {
        WebElement input = byId(id);
        input.clear();
        input.sendKeys(value);
    }

    /** Saves what the browser shows as {@code platform-app/target/screenshots/NAME.png}, and gives its path. */
    Path screenshot(String name) {
        try {
            Path directory = SharedData.repositoryRoot().resolve("platform-app/target/screenshots");
            Files.createDirectories(directory);
            Path file = directory.resolve(name + ".png");
            TakesScreenshot camera = driver;
            Files.write(file, camera.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's script errors so far: uncaught exceptions and console errors, not failed requests it expected. */
    List<String> scriptErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("Failed to load resource"))
                .toList();
    }

    void assertNoScriptErrors() {
        assertThat(scriptErrors()).as("script errors in the admin UI").isEmpty();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
