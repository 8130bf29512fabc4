package io.intrapoll.support;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, installed by .ci/run), signed
 * in as one demo user through the login page. Nothing is downloaded: the browser and its driver are the
 * machine's own.
 */
public final class Browser implements AutoCloseable {

    public static final Dimension DESKTOP = new Dimension(1280, 900);
    public static final Dimension PHONE = new Dimension(390, 844);

    private static final String CHROMIUM = System.getProperty("it.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("it.chromedriver", "/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final ChromeDriver driver;
    private final URI server;
    private final Path profile;
    private final Path downloads;

    private Browser(URI server, Dimension size) {
        this(server, size, "en-US");
    }

    /** language: the browser's own (navigator.languages, Accept-Language), as a BCP 47 tag. */
    private Browser(URI server, Dimension size, String language) {
        this(server, size, language, true);
    }

    private Browser(URI server, Dimension size, String language, boolean warmUp) {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            throw new IllegalStateException("The browser tests need Debian's chromium and chromium-driver (" + CHROMIUM
                    + ", " + CHROMEDRIVER + "): apt-get install chromium chromium-driver (.ci/run does)");
        }
        this.server = server;
        if (warmUp) {
            warmUp(server);
        }
        try {
            this.profile = Files.createTempDirectory("intrapoll-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.downloads = profile.resolve("downloads");
        ChromeOptions options = new ChromeOptions()
                .setExperimentalOption(
                        "prefs",
                        java.util.Map.of(
                                "download.default_directory",
                                downloads.toString(),
                                "download.prompt_for_download",
                                false,
                                "intl.accept_languages",
                                language))
                .setBinary(CHROMIUM)
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + profile,
                        "--lang=" + language,
                        "--window-size=" + size.width + "," + size.height);
        // The single sign-on test's servers speak HTTPS with a test key of their own.
        options.setAcceptInsecureCerts(true);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(size);
    }

    /** A browser on the integration-test server, signed in as the demo user (password = name). */
    public static Browser signedInAs(String user) {
        return signedInAs(Api.itServer(), user, DESKTOP);
    }

    public static Browser signedInAs(URI server, String user, Dimension size) {
        return signedIn(new Browser(server, size), user);
    }

    /** A browser whose own language is this one (fr, de-CH, ...), signed in on the integration-test server. */
    public static Browser speaking(String language, String user) {
        return signedIn(new Browser(Api.itServer(), DESKTOP, language), user);
    }

    private static Browser signedIn(Browser browser, String user) {
        try {
            browser.open("/login.html");
            browser.signIn(user, user);
            browser.waitFor(ExpectedConditions.urlContains("/app/"));
            return browser;
        } catch (RuntimeException e) {
            browser.close();
            throw e;
        }
    }

    /** A browser on the integration-test server that has not signed in. */
    /**
     * Asks for every script and stylesheet once, one after the other, until each answers 200. Right after a
     * deployment Liberty answers the first concurrent requests for a static file with "SRVE0095I: Servlet has become
     * temporarily unavailable" (503) for a few seconds, and a page whose module fails to load never renders: the
     * browser tests would test that race instead of the page.
     */
    private static void warmUp(URI server) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        List<String> assets;
        Path root = Path.of("src/main/webapp/assets");
        try (var files = Files.walk(root)) {
            assets = files.map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .filter(name -> name.endsWith(".js") || name.endsWith(".css"))
                    .toList();
        } catch (IOException e) {
            return; // not run from the project's directory: nothing to warm
        }
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        for (String asset : assets) {
            while (System.nanoTime() < deadline) {
                try {
                    var answer = http.send(
                            java.net.http.HttpRequest.newBuilder(server.resolve("/assets/" + asset))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding());
                    if (answer.statusCode() == 200) {
                        break;
                    }
                    Thread.sleep(200);
                } catch (IOException e) {
                    // the next try
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    public static Browser anonymous() {
        return new Browser(Api.itServer(), DESKTOP);
    }

    /** A browser that has not signed in, on another server (its assets warmed up through warmUpThrough, HTTP). */
    public static Browser anonymousAt(URI server, URI warmUpThrough, Dimension size) {
        warmUp(warmUpThrough);
        return new Browser(server, size, "en-US", false);
    }

    public void signIn(String user, String password) {
        find(By.id("username")).sendKeys(user);
        find(By.id("password")).sendKeys(password);
        find(By.cssSelector("form button[type=submit]")).click();
    }

    public Browser open(String path) {
        driver.get(server.resolve(path).toString());
        return this;
    }

    public WebElement find(By by) {
        return waitFor(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    public <T> T waitFor(ExpectedCondition<T> condition) {
        // An element can be replaced while a page renders or navigates: look again rather than fail. Chromium then
        // answers either "stale element" or, for a node found just before the new document replaced it, "Node with
        // given id does not belong to the document".
        return new WebDriverWait(driver, PATIENCE)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(current -> {
                    try {
                        return condition.apply(current);
                    } catch (org.openqa.selenium.WebDriverException e) {
                        if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                            return null;
                        }
                        throw e;
                    }
                });
    }

    /** Waits until the element's text contains the given text. */
    public WebElement waitForText(By by, String text) {
        waitFor(ExpectedConditions.textToBePresentInElementLocated(by, text));
        return driver.findElement(by);
    }

    /** Waits for a file the browser downloads (whole: not Chromium's partial .crdownload) and returns its path. */
    public Path awaitDownload(String suffix) {
        return waitFor(driver -> {
            try (var files = Files.list(downloads)) {
                return files.filter(file -> file.toString().endsWith(suffix))
                        .findFirst()
                        .orElse(null);
            } catch (IOException notYet) {
                return null;
            }
        });
    }

    /** Saves what the browser shows to a PNG file (for the README), creating its folder. */
    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How far the page is wider than the window, in CSS pixels: above 0 it scrolls sideways. */
    public long horizontalOverflow() {
        return (Long) driver.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
    }

    public String currentUrl() {
        return driver.getCurrentUrl();
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** axe-core's WCAG 2.1 A and AA rules on the page as it is now; empty when there is nothing to fix. */
    public String accessibilityViolations() {
        Results results = new AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(driver);
        if (results.isErrored()) {
            throw new IllegalStateException("axe-core failed on " + currentUrl() + ": " + results.getErrorMessage());
        }
        return results.getViolations().stream().map(Browser::describe).collect(Collectors.joining("\n"));
    }

    private static String describe(Rule violation) {
        return violation.getId() + " (" + violation.getImpact() + "): " + violation.getHelp() + " at "
                + violation.getNodes().stream()
                        .map(node -> String.valueOf(node.getTarget()))
                        .collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (var paths = Files.walk(profile)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temporary profile is harmless.
        }
    }
}
