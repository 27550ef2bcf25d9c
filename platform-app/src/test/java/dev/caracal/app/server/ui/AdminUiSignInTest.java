package dev.caracal.app.server.ui;

import static dev.caracal.app.server.ui.AdminUiBrowser.test;
import static org.assertj.core.api.Assertions.assertThat;

import dev.caracal.app.server.CaracalServer;
import dev.caracal.app.server.security.ApiKeyHash;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The admin UI on a gateway with tenants: the sign-in view refuses a wrong key and a user's key with a message, an
 * admin's key opens the dashboard; signed in by the session cookie, the page changes things (load, unload) with the
 * session's CSRF token; signing out shows the sign-in view again, also after a reload.
 */
@SpringBootTest(classes = CaracalServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "caracal.demo-model=false")
class AdminUiSignInTest {

    private static final String ADMIN_KEY = "sk-admin-ui-5ca1ab1e";
    private static final String USER_KEY = "sk-user-ui-0ddba11";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void configuration(DynamicPropertyRegistry properties) {
        properties.add("caracal.model-directories[0]", () -> AdminUiModels.directory().toString());
        tenant(properties, 0, "operations", ADMIN_KEY, "admin");
        tenant(properties, 1, "team-a", USER_KEY, "user");
    }

    private static void tenant(DynamicPropertyRegistry properties, int index, String name, String key, String role) {
        String at = "caracal.security.tenants[" + index + "].";
        properties.add(at + "name", () -> name);
        properties.add(at + "key-hashes[0]", () -> ApiKeyHash.of(key));
        properties.add(at + "roles[0]", () -> role);
        properties.add(at + "models[0]", () -> "*");
    }

    @Test
    void aWrongKeyIsRefusedAndAnAdminKeySignsIn() {
        try (AdminUiBrowser browser = AdminUiBrowser.start()) {
            browser.open("http://127.0.0.1:" + port + "/admin/#/models");
            browser.find(By.cssSelector("main[data-view=sign-in]"));
            assertThat(browser.byId("nav").isDisplayed()).isFalse();

            for (String refused : new String[] {"sk-wrong-0b5e55ed", USER_KEY}) {
                browser.type("sign-in-key", refused);
                browser.byId("sign-in-submit").click();
                WebElement message = browser.await(Duration.ofSeconds(10), d -> {
                    WebElement shown = d.findElement(test("sign-in-message"));
                    return shown.getText().isEmpty() ? null : shown;
                });
                assertThat(message.getText()).startsWith("That key was refused");
                if (!refused.equals(USER_KEY)) {
                    browser.screenshot("sign-in");
                }
                browser.driver().navigate().refresh();
                browser.find(By.cssSelector("main[data-view=sign-in]"));
            }

            browser.type("sign-in-key", ADMIN_KEY);
            browser.byId("sign-in-key").sendKeys(Keys.ENTER);
            browser.find(By.cssSelector("main[data-view=dashboard]"));
            browser.find(test("no-models"));
            assertThat(browser.byId("session-tenant").getText()).contains("operations");
            browser.screenshot("dashboard-signed-in");

            browser.nav("tenants");
            browser.find(By.cssSelector("[data-test=tenant][data-tenant=operations]"));
            browser.find(By.cssSelector("[data-test=tenant][data-tenant=team-a]"));
            assertThat(browser.driver().getPageSource()).doesNotContain(ApiKeyHash.PREFIX).doesNotContain(ADMIN_KEY)
                    .doesNotContain(USER_KEY);
            browser.screenshot("tenants-signed-in");

            // Loading and unloading change things: the page sends the session's CSRF token with them.
            browser.nav("models");
            browser.click(By.cssSelector(
                    "[data-test=available-file][data-path$='/stories260K.gguf'] [data-test=load]"));
            browser.type("load-alias", "stories");
            browser.type("load-kv-memory", "16MB");
            browser.type("load-backend", "reference");
            browser.byId("load-submit").click();
            browser.await(Duration.ofSeconds(120), d -> d.findElement(
                    By.cssSelector("[data-test=loaded-model][data-model=stories][data-state=ready]")));
            browser.click(By.cssSelector("[data-test=loaded-model][data-model=stories] [data-test=unload]"));
            browser.await(Duration.ofSeconds(60), d -> d.findElement(test("no-loaded-models")));

            browser.byId("sign-out").click();
            browser.find(By.cssSelector("main[data-view=sign-in]"));
            browser.driver().navigate().refresh();
            browser.find(By.cssSelector("main[data-view=sign-in]"));
            browser.assertNoScriptErrors();
        }
    }
}
