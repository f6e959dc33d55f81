package io.github.mwoauth.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mwoauth.testkit.boot.OfflineMode;
import io.github.mwoauth.testsupport.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real browser (Debian's headless Chromium driven by its chromedriver; Selenium Manager never runs) goes
 * through the offline demo: login, Allow on LocalWiki's consent page, "logged in as", test_query, logout.
 */
class DemoBrowserTests {

    private ConfigurableApplicationContext demo;
    private HeadlessChromium chromium;
    private WebDriver browser;
    private String app;

    @org.junit.jupiter.api.io.TempDir
    Path uploadDir;

    void start(String protocol) throws IOException {
        demo = DemoApplication.application().run("--server.port=0", "--spring.main.banner-mode=off",
                "--mediawiki.oauth.protocol=" + protocol);
        app = "http://127.0.0.1:" + ((WebServerApplicationContext) demo).getWebServer().getPort();
        chromium = HeadlessChromium.start();
        browser = chromium.driver();
    }

    @AfterEach
    void stop() throws IOException {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (demo != null) {
                demo.close();
            }
        }
    }

    private Path screenshot(String name) throws IOException {
        return chromium.screenshot(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"oauth1", "oauth2"})
    void demoWhenUserLogsInAllowsQueriesAndLogsOutThenEachPageShowsIt(String protocol) throws IOException {
        start(protocol);
        WebDriverWait wait = chromium.waiting(Duration.ofSeconds(15));
        browser.get(app + "/");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("not logged in");

        browser.findElement(By.linkText("login")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.name("accept")));
        assertThat(browser.getCurrentUrl()).doesNotStartWith(app).contains("Special");
        assertThat(browser.getPageSource()).contains("mwoauth demo");
        if (protocol.equals("oauth2")) {
            assertThat(browser.getCurrentUrl()).contains("oauth_version=2");
        }
        screenshot("demo-consent-" + protocol + ".png");
        browser.findElement(By.name("accept")).click();

        wait.until(ExpectedConditions.urlToBe(app + "/"));
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("logged in as: " + OfflineMode.DEMO_USER);

        browser.findElement(By.linkText("test_query")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("contributions")));
        assertThat(browser.findElement(By.id("contributions")).getText()).contains("Sandbox", "Main Page", "Cats");
        assertThat(screenshot("demo-test_query-" + protocol + ".png")).isNotEmptyFile();

        browser.findElement(By.linkText("logout")).click();
        wait.until(ExpectedConditions.urlToBe(app + "/"));
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("not logged in");
    }

    @ParameterizedTest
    @ValueSource(strings = {"oauth1", "oauth2"})
    void uploadPageWhenAFileIsChosenThenItStreamsToTheWikiInChunksAndShowsTheVerifiedResult(String protocol)
            throws Exception {
        start(protocol);
        WebDriverWait wait = chromium.waiting(Duration.ofSeconds(60));
        browser.get(app + "/login");
        wait.until(ExpectedConditions.elementToBeClickable(By.name("accept")));
        browser.findElement(By.name("accept")).click();
        wait.until(ExpectedConditions.urlToBe(app + "/"));

        byte[] bytes = new byte[5 * 1024 * 1024 + 12345];
        new java.util.Random(42).nextBytes(bytes);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, 0, bytes, 0, 8);
        Path file = java.nio.file.Files.write(uploadDir.resolve("browser-upload.png"), bytes);
        String sha1 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                .digest(bytes));

        browser.findElement(By.linkText("upload")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("file")));
        browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.id("filename")).sendKeys("Browser upload " + protocol + ".png");
        browser.findElement(By.id("send")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        assertThat(browser.findElement(By.id("done")).getText()).isEqualTo("uploaded Browser_upload_" + protocol
                + ".png (" + bytes.length + " bytes, SHA-1 " + sha1 + ")");
        assertThat(browser.findElement(By.id("progress")).getAttribute("value")).isEqualTo("1");
        screenshot("demo-upload-" + protocol + ".png");
    }
}
