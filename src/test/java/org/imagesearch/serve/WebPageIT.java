package org.imagesearch.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.imagesearch.config.DuplicateDistance;
import org.imagesearch.config.Settings;
import org.imagesearch.dataset.DatasetImage;
import org.imagesearch.ingest.Stage;
import org.imagesearch.store.PostgresConnections;
import org.imagesearch.store.VectorTableSql;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page end to end in Debian's headless Chromium (packages chromium and chromium-driver, which
 * .ci/run installs), as a person uses it: upload a picture, see k result tiles, choose one by mouse or keyboard
 * to search from it, see errors in words with no stale answer, a busy state while a slow search runs, the
 * address followed and Back and Forward stepping through searches, a stored image's near-duplicates, watches added
 * and removed, and the page at a phone's width.
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
        markDuplicates(settings.database(), 12, 13, 14);
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

    /** Only {@code root} and its {@code copies} are a group, whatever ingest's check made of the images. */
    private static void markDuplicates(Settings.Database db, long root, long... copies) throws Exception {
        VectorTableSql sql = new VectorTableSql(db.table());
        try (Connection c = PostgresConnections.open(db);
             PreparedStatement clear = c.prepareStatement(sql.clearDuplicates());
             PreparedStatement mark = c.prepareStatement(sql.setDuplicateOf())) {
            clear.executeUpdate();
            for (long copy : copies) {
                mark.setLong(1, root);
                mark.setLong(2, copy);
                mark.executeUpdate();
            }
        }
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
        open("");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stats"), "40 images"));

        browser.findElement(By.id("file")).sendKeys(picture.getAbsolutePath());
        List<WebElement> tiles = waitForTiles(20);
        assertEquals("5", tiles.get(0).getAttribute("data-id"), "the uploaded image finds itself first");
        assertTrue(tiles.get(0).getText().contains(images.get(5).label()), tiles.get(0).getText());
        assertTrue(tiles.get(0).getText().contains("distance 0.000"), tiles.get(0).getText());
        assertEquals("query.png", browser.findElement(By.id("query-caption")).getText());
        assertFalse(browser.findElement(By.id("duplicates")).isDisplayed(), "an upload is no stored image");
        assertFalse(browser.findElement(By.id("watch")).isDisplayed());
        waitForImagesToLoad();

        String clicked = tiles.get(3).getAttribute("data-id");
        tiles.get(3).click();
        waitForCaption(clicked);
        List<WebElement> next = waitForTiles(20);
        assertTrue(next.stream().noneMatch(t -> clicked.equals(t.getAttribute("data-id"))),
                "a search by id leaves the query image out");

        browser.navigate().back();
        wait.until(ExpectedConditions.textToBe(By.id("query-caption"), "query.png"));
        assertEquals("5", waitForTiles(20).get(0).getAttribute("data-id"), "Back shows the upload's answer again");
    }

    @Test
    void theStatusPanelShowsTheLagAndTheDeadLettersAndTheIdFieldAStoredId() {
        open("");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-lines"), "lag 2 (p0 2)"));
        String panel = browser.findElement(By.id("status-lines")).getText();
        assertTrue(panel.contains("40 rows, "), panel);
        assertTrue(panel.contains("rows/s over the last minute"), panel);
        assertTrue(panel.contains("dead letters 1 (load 1)"), panel);
        assertEquals("e.g. 0", browser.findElement(By.id("id")).getAttribute("placeholder"));
    }

    @Test
    void aSearchByIdShowsTheQuerysClassAndMetadata() {
        open("#id=7");
        waitForCaption("7");
        assertEquals(images.get(7).label() + " #7", browser.findElement(By.id("query-caption")).getText());
        assertEquals("parity: odd, record: 7", browser.findElement(By.id("query-details")).getText());
        assertEquals("7", browser.findElement(By.id("id")).getAttribute("value"), "the form says what was asked");
    }

    @Test
    void aStoredQueryShowsItsNearDuplicatesWithTheOriginalMarkedOrSaysItHasNone() {
        open("#id=13");
        waitForCaption("13");
        List<WebElement> group = waitForDuplicates(3);
        assertEquals(List.of("12", "13", "14"), group.stream().map(t -> t.getAttribute("data-id")).toList());
        assertEquals("#12\noriginal", group.get(0).getText());
        assertEquals("#14\ncopy", group.get(2).getText());
        assertEquals("true", group.get(1).getAttribute("aria-current"), "the image shown is marked in its group");
        assertEquals("3 images in this group: the original and its copies.",
                browser.findElement(By.id("duplicates-note")).getText());
        waitForImagesToLoad("#duplicates-list img");

        group.get(2).click();
        waitForCaption("14");
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#duplicates-list [aria-current]"), "data-id", "14"));
        assertEquals(3, waitForDuplicates(3).size());

        open("#id=15");
        waitForCaption("15");
        wait.until(ExpectedConditions.textToBe(By.id("duplicates-note"), "No near-duplicates."));
        assertEquals(0, browser.findElements(By.cssSelector("#duplicates-list .tile")).size());
    }

    @Test
    void aWatchAddedFromThePageIsListedInThePanelAndRemovedFromIt() {
        open("#id=7");
        waitForTiles(20);
        String byDefaultDistance = String.valueOf(DuplicateDistance.COSINE_DEFAULT); // as JavaScript prints it too
        wait.until(ExpectedConditions.attributeToBe(By.id("watch-distance"), "placeholder", byDefaultDistance));
        browser.findElement(By.id("watch")).click();
        WebElement byDefault = waitForWatch("image 7");
        assertTrue(byDefault.getText().contains("within " + byDefaultDistance), "the server's default: " + byDefault.getText());
        assertTrue(browser.findElement(By.id("watch-done")).getText().startsWith("Added watch "));

        browser.findElement(By.id("watch-distance")).sendKeys("0.05");
        browser.findElement(By.id("watch-note")).sendKeys("the seven");
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertEquals("watch", browser.switchTo().activeElement().getAttribute("id"), "Tab reaches the button");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        WebElement chosen = waitForWatch("the seven");
        assertTrue(chosen.getText().matches("(?s)Watch \\d+: the seven · within 0\\.05 · created "
                + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\s+Remove"), chosen.getText());

        WebElement toRemove = waitForWatch("image 7"); // the list was drawn again with the new watch
        toRemove.findElement(By.tagName("button")).click();
        wait.until(ExpectedConditions.stalenessOf(toRemove));
        String panel = browser.findElement(By.id("watches")).getText();
        assertFalse(panel.contains("image 7"), panel);
        assertTrue(panel.contains("the seven"), panel);
        assertEquals("watchlist-title", browser.switchTo().activeElement().getAttribute("id"), "the focus stays");
        assertEquals(20, waitForTiles(20).size(), "the answer stays");
    }

    @Test
    void removingAWatchRemovedElsewhereSaysSoAndKeepsTheAnswer() throws Exception {
        open("#id=9");
        waitForTiles(20);
        browser.findElement(By.id("watch-note")).sendKeys("gone soon");
        browser.findElement(By.id("watch")).click();
        WebElement item = waitForWatch("gone soon");
        String watchId = item.getAttribute("data-watch-id");
        HttpResponse<Void> elsewhere = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + service.port() + "/api/watchlist/" + watchId)).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(204, elsewhere.statusCode());

        item.findElement(By.tagName("button")).click();
        wait.until(ExpectedConditions.textToBe(By.id("error"), "no watch with id " + watchId));
        wait.until(ExpectedConditions.stalenessOf(item)); // the list was read again
        assertEquals(20, waitForTiles(20).size(), "the grid stays");
        assertTrue(browser.findElement(By.id("query")).isDisplayed(), "and so does the query");
    }

    @Test
    void anErrorAfterASuccessfulSearchLeavesNoOldAnswerOnScreen() {
        open("#id=5");
        waitForTiles(20);
        WebElement id = browser.findElement(By.id("id"));
        id.clear();
        id.sendKeys("987654");
        browser.findElement(By.id("search")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertEquals("no image with id 987654", browser.findElement(By.id("error")).getText());
        assertEquals(0, browser.findElements(By.cssSelector("#results .tile")).size(), "the old grid is gone");
        assertFalse(browser.findElement(By.id("query")).isDisplayed(), "so is the old query");
    }

    @Test
    void aSlowSearchShowsThatItIsBusyAndCannotBeSubmittedTwice(@TempDir Path dir) throws Exception {
        File picture = Files.write(dir.resolve("slow.png"), images.get(9).bytes()).toFile();
        open("");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stats"), "40 images"));
        ChromeDriver chromium = (ChromeDriver) browser;
        chromium.setNetworkConditions(ChromiumNetworkConditions.withLatency(Duration.ofSeconds(3)));
        try {
            browser.findElement(By.id("file")).sendKeys(picture.getAbsolutePath());

            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("busy")));
            assertEquals("Searching...", browser.findElement(By.id("busy")).getText());
            assertFalse(browser.findElement(By.id("search")).isEnabled(), "the submit button waits");
            assertFalse(browser.findElement(By.id("file")).isEnabled(), "and so does the file chooser");
            assertEquals("true", browser.findElement(By.id("results")).getAttribute("aria-busy"));

            assertEquals("9", waitForTiles(20).get(0).getAttribute("data-id"));
            assertFalse(browser.findElement(By.id("busy")).isDisplayed());
            assertTrue(browser.findElement(By.id("search")).isEnabled());
        } finally {
            chromium.deleteNetworkConditions();
        }
    }

    @Test
    void everySearchIsAHistoryEntryAndTheAddressIsFollowed() {
        open("#id=7");
        waitForCaption("7");
        script("location.hash = 'id=9'"); // as if typed into the address bar
        waitForCaption("9");
        WebElement id = browser.findElement(By.id("id"));
        id.clear();
        id.sendKeys("11");
        browser.findElement(By.id("search")).click();
        waitForCaption("11");
        assertTrue(browser.getCurrentUrl().endsWith("#id=11&k=20"), browser.getCurrentUrl());

        browser.navigate().back();
        waitForCaption("9");
        assertEquals("9", browser.findElement(By.id("id")).getAttribute("value"));
        browser.navigate().back();
        waitForCaption("7");
        browser.navigate().forward();
        waitForCaption("9");
        assertFalse(waitForTiles(20).stream().anyMatch(t -> "9".equals(t.getAttribute("data-id"))));
    }

    @Test
    void tilesAreReachedWithTabShowTheirFocusAndAreChosenWithEnterOrSpace() {
        open("#id=3");
        List<WebElement> tiles = waitForTiles(20);
        String first = tiles.get(0).getAttribute("data-id");
        for (int presses = 0; presses < 20 && !Boolean.TRUE.equals(script(
                "return document.activeElement.matches('#results .tile')")); presses++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        assertEquals(first, browser.switchTo().activeElement().getAttribute("data-id"), "Tab reaches the first tile");
        assertEquals("solid", script("return getComputedStyle(document.activeElement).outlineStyle"),
                "the focused tile is outlined");

        new Actions(browser).sendKeys(Keys.ENTER).perform();
        waitForCaption(first);
        String next = waitForTiles(20).get(0).getAttribute("data-id");
        assertEquals(next, browser.switchTo().activeElement().getAttribute("data-id"), "the focus stays in the grid");

        new Actions(browser).sendKeys(Keys.SPACE).perform();
        waitForCaption(next);
    }

    @Test
    void atPhoneWidthThePageIsNoWiderThanTheScreen() {
        ChromeDriver chromium = (ChromeDriver) browser;
        chromium.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
        try {
            open("#id=2");
            waitForTiles(20);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-lines"), "dead letters"));
            waitForImagesToLoad();
            long width = (Long) script("return document.documentElement.scrollWidth");
            assertTrue(width <= 390, "the page is " + width + " px wide");
            // A wider page would also have widened a phone's layout viewport, zoomed out to fit.
            assertEquals(390L, script("return window.innerWidth"));
        } finally {
            chromium.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** A fresh page: from about:blank, so that only a hash differing from the last test's is a real load. */
    private void open(String hash) {
        browser.get("about:blank");
        browser.get("http://127.0.0.1:" + service.port() + "/" + hash);
    }

    private List<WebElement> waitForTiles(int count) {
        return wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#results .tile"), count));
    }

    /** The page shows a search from stored image {@code id}. */
    private void waitForCaption(String id) {
        wait.until(ExpectedConditions.textToBe(By.id("query-caption"),
                images.get(Integer.parseInt(id)).label() + " #" + id));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("busy")));
    }

    private Object script(String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
    }

    private List<WebElement> waitForDuplicates(int count) {
        return wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#duplicates-list .tile"), count));
    }

    /** The watchlist panel's item whose text has {@code note}. */
    private WebElement waitForWatch(String note) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//ul[@id='watches']/li[contains(., '" + note + "')]")));
    }

    private void waitForImagesToLoad() {
        waitForImagesToLoad("#results img");
    }

    private void waitForImagesToLoad(String selector) {
        wait.until(d -> (Boolean) script("return [...document.querySelectorAll('" + selector
                + "')].every(i => i.complete && i.naturalWidth > 0)"));
    }
}
