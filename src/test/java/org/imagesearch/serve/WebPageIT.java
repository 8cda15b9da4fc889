package org.imagesearch.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.ingest.Stage;
import org.imagesearch.testing.Backlog;
import org.imagesearch.testing.IndexedImages;
import org.imagesearch.testing.RealServices;
import org.imagesearch.testing.TestImages;
import org.imagesearch.testing.TestServices;
import org.imagesearch.testing.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page end to end in Debian's headless Chromium (packages chromium and chromium-driver, which
 * .ci/run installs): upload a picture, see k result tiles, click one to search from it, see errors in words.
 */
@ExtendWith(RealServices.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPageIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private List<DatasetImage> images;
    private SearchServer service;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    void start(TestServices services, @TempDir Path profile) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the web page test needs Debian's chromium and chromium-driver: "
                    + "apt-get install chromium chromium-driver (.ci/run installs them)");
        }
        images = TestImages.cifar(40);
        String name = TestServices.uniqueName("page");
        Settings settings = TestSettings.parse()
                .withDatabase(services.database(name)).withKafka(services.topics(name, 1));
        IndexedImages.write(settings, images);
        Backlog.publish(settings.kafka(), 2, Stage.LOAD);
        service = SearchServer.start(settings, 1, 0);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Flags for a closed network: no background fetches to hosts this machine cannot reach.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1200,900");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void uploadingAPictureShowsTheQueryAndKResultTilesAndAClickSearchesAgain(@TempDir Path dir) throws Exception {
        File picture = Files.write(dir.resolve("query.png"), images.get(5).bytes()).toFile();
        browser.get("http://127.0.0.1:" + service.port() + "/");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stats"), "40 images"));

        browser.findElement(By.id("file")).sendKeys(picture.getAbsolutePath());
        List<WebElement> tiles = wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#results .tile"), 20));
        assertEquals("5", tiles.get(0).getAttribute("data-id"), "the uploaded image finds itself first");
        assertTrue(tiles.get(0).getText().contains(images.get(5).label()), tiles.get(0).getText());
        assertTrue(tiles.get(0).getText().contains("distance 0.000"), tiles.get(0).getText());
        assertEquals("query.png", browser.findElement(By.id("query-caption")).getText());
        waitForImagesToLoad();

        String clicked = tiles.get(3).getAttribute("data-id");
        tiles.get(3).click();
        wait.until(ExpectedConditions.textToBe(By.id("query-caption"), "image #" + clicked));
        List<WebElement> next = wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#results .tile"), 20));
        assertTrue(next.stream().noneMatch(t -> clicked.equals(t.getAttribute("data-id"))),
                "a search by id leaves the query image out");
    }

    @Test
    void theStatusPanelShowsTheLagAndTheDeadLetters() {
        browser.get("http://127.0.0.1:" + service.port() + "/");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-lines"), "lag 2 (p0 2)"));
        String panel = browser.findElement(By.id("status-lines")).getText();
        assertTrue(panel.contains("40 rows, "), panel);
        assertTrue(panel.contains("rows/s over the last minute"), panel);
        assertTrue(panel.contains("dead letters 1 (load 1)"), panel);
    }

    @Test
    void errorsAreShownInWords() {
        browser.get("http://127.0.0.1:" + service.port() + "/");
        browser.findElement(By.id("id")).sendKeys("987654");
        browser.findElement(By.cssSelector("#by-id button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertEquals("no image with id 987654", browser.findElement(By.id("error")).getText());
    }

    private void waitForImagesToLoad() {
        wait.until(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "return [...document.querySelectorAll('#results img')].every(i => i.complete && i.naturalWidth > 0)"));
    }
}
