package io.github.mwoauth.securitydemo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.testkit.boot.OfflineMode;
import io.github.mwoauth.testsupport.HeadlessChromium;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The demo's pages with no security code at all: the security starter and the library's auto-configuration alone
 * give the login, the principal with its authorities, Spring's CSRF token for the edit form, and logout.
 */
class DefaultChainBrowserTests {

    /** The pages, and nothing else of the application: no chain, no customizer call. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(SecurityDemoPages.class)
    static class PagesOnly {
    }

    @Test
    void pagesWhenNoChainDefinedThenLoginPrincipalCsrfAndLogoutWork() throws IOException {
        SpringApplication application = new SpringApplication(PagesOnly.class);
        application.addListeners(new OfflineMode("mwoauth pages only"));
        try (ConfigurableApplicationContext app = application.run("--server.port=0", "--spring.main.banner-mode=off",
                "--mediawiki.oauth.protocol=oauth2", "--mediawiki.oauth.compact-session-serializer=true");
                HeadlessChromium chromium = HeadlessChromium.start()) {
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            WebDriver browser = chromium.driver();
            WebDriverWait wait = chromium.waiting(Duration.ofSeconds(15));

            browser.get(base + "/");
            assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("not logged in");
            assertThat(browser.manage().getCookies()).as("an anonymous page starts no session").isEmpty();

            browser.findElement(By.linkText("login")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.name("accept"))).click();
            wait.until(ExpectedConditions.urlToBe(base + "/"));
            assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("logged in as: " + OfflineMode.DEMO_USER);

            browser.findElement(By.linkText("me")).click();
            assertThat(browser.findElement(By.id("authorities")).getText().split(" "))
                    .contains("GROUP_user", "GRANT_editpage").doesNotContain("GROUP_sysop");

            SecurityDemoBrowserTests.editSandboxThenLogOut(browser, wait, base);
        }
    }
}
