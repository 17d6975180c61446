package org.panelwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven through the system's chromedriver (no driver or browser
 * download), with a fresh profile; screenshots of each page and an axe-core check of it.
 *
 * <p>axe-core comes from npm ({@code axe-core@AXE_VERSION}, installed into {@code target/axe} once
 * when missing) and is injected into the page by the test, so the console ships none of it.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final String AXE_VERSION = "4.14.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;
    private final String axe;

    ConsoleBrowser() {
        try {
            profile = Files.createTempDirectory("panelwatch-chromium-");
            screenshots = Path.of(System.getProperty("panelwatch.e2e.screenshots", "target/screenshots"));
            Files.createDirectories(screenshots);
            axe = Files.readString(axeSource(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("panelwatch.e2e.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("panelwatch.e2e.chromedriver", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(60));
    }

    void open(String url) {
        driver.get(url);
    }

    /** A full-page screenshot under target/screenshots/NAME.png. */
    Path screenshot(String name) {
        try {
            driver.executeScript("window.scrollTo(0, 0);");
            long height = ((Number) driver.executeScript("return Math.max(document.body.scrollHeight, 600);")).longValue();
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, (int) Math.min(height + 40, 6000)));
            Path file = screenshots.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a reader sees first: the top 1280 x 1000 of the page (the README's picture). */
    Path viewportScreenshot(String name) {
        try {
            driver.executeScript("window.scrollTo(0, 0);");
            Path file = screenshots.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** axe-core's serious and critical violations on the current page, one line each. */
    List<String> seriousAccessibilityViolations() {
        driver.executeScript(axe);
        Object result = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                   .then(r => done(JSON.stringify(r.violations)))
                   .catch(e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}])));""");
        List<String> serious = new ArrayList<>();
        try {
            for (JsonNode v : JSON.readTree(String.valueOf(result))) {
                String impact = v.path("impact").asText();
                if ("serious".equals(impact) || "critical".equals(impact)) {
                    List<String> targets = new ArrayList<>();
                    v.path("nodes").forEach(n -> targets.add(n.path("target").toString()));
                    serious.add(impact + " " + v.path("id").asText() + ": " + v.path("help").asText() + " at " + targets);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return serious;
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary profile left behind is harmless.
        }
    }

    /** axe.min.js from npm, installed into target/axe on first use. */
    private static Path axeSource() throws IOException {
        Path prefix = Path.of("target/axe").toAbsolutePath();
        Path file = prefix.resolve("node_modules/axe-core/axe.min.js");
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(prefix);
        Process npm = new ProcessBuilder("npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix",
                prefix.toString(), "axe-core@" + AXE_VERSION).redirectErrorStream(true)
                .redirectOutput(prefix.resolve("npm.log").toFile()).start();
        try {
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0 || !Files.exists(file)) {
                throw new IllegalStateException("npm install axe-core@" + AXE_VERSION + " failed; see " + prefix.resolve("npm.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return file;
    }
}
