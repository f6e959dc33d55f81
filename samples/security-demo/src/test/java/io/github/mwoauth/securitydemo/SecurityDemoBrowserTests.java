package io.github.mwoauth.securitydemo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.testkit.boot.OfflineMode;
import io.github.mwoauth.testsupport.HeadlessChromium;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Headless Chromium through the offline security demo, once per protocol: a page for logged-in users sends the
 * browser to the wiki and back, the principal and its authorities, the sysop page, an edit through the form with
 * Spring's CSRF token, and the logout button.
 */
class SecurityDemoBrowserTests {

    @ParameterizedTest
    @ValueSource(strings = {"oauth1", "oauth2"})
    void securityDemoWhenUserLogsInThenPagesByAuthorityCsrfEditAndLogout(String protocol) throws IOException {
        try (ConfigurableApplicationContext demo = SecurityDemoApplication.application().run("--server.port=0",
                "--spring.main.banner-mode=off", "--mediawiki.oauth.protocol=" + protocol);
                HeadlessChromium chromium = HeadlessChromium.start()) {
            String app = "http://127.0.0.1:" + ((WebServerApplicationContext) demo).getWebServer().getPort();
            walkThrough(chromium, app, protocol);
        }
    }

    /**
     * The edit form (Spring's CSRF token in it) saves through the wiki, then the logout button (a POST with the
     * token) logs out: the steps every chain with the customizer shares.
     */
    static void editSandboxThenLogOut(WebDriver browser, WebDriverWait wait, String app) {
        browser.findElement(By.linkText("edit")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.name("save"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("saved")));
        assertThat(browser.findElement(By.id("saved")).getText()).startsWith("Success: Sandbox, revision ");

        browser.findElement(By.name("logout")).click();
        wait.until(ExpectedConditions.urlToBe(app + "/"));
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("not logged in");
    }

    private static void walkThrough(HeadlessChromium chromium, String app, String protocol) throws IOException {
        WebDriver browser = chromium.driver();
        WebDriverWait wait = chromium.waiting(Duration.ofSeconds(15));

        browser.get(app + "/me");
        wait.until(ExpectedConditions.elementToBeClickable(By.name("accept")));
        assertThat(browser.getCurrentUrl()).doesNotStartWith(app);
        browser.findElement(By.name("accept")).click();

        wait.until(ExpectedConditions.urlToBe(app + "/me"));
        assertThat(browser.findElement(By.id("name")).getText()).isEqualTo(OfflineMode.DEMO_USER);
        assertThat(browser.findElement(By.id("authorities")).getText().split(" "))
                .contains("GROUP_sysop", "GRANT_editpage").doesNotContain("GROUP_*");
        chromium.screenshot("security-demo-me-" + protocol + ".png");

        browser.findElement(By.linkText("admin")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("admin")));
        assertThat(browser.findElement(By.id("admin")).getText()).contains(OfflineMode.DEMO_USER, "sysop");

        editSandboxThenLogOut(browser, wait, app);

        browser.get(app + "/admin");
        wait.until(ExpectedConditions.elementToBeClickable(By.name("accept")));
        assertThat(browser.getCurrentUrl()).as("logged out: the sysop page needs a login again").doesNotStartWith(app);
    }
}
