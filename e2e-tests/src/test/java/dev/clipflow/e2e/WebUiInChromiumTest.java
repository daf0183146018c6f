package dev.clipflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clipflow.devstack.SampleVideo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person uses the web page in Debian's Chromium: uploads a video, watches the progress bar reach 100 %, and plays
 * a clip from the gallery. Skipped, saying why, where Chromium is not installed ({@code .ci/run} installs it).
 */
class WebUiInChromiumTest {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER_PATH", "/usr/bin/chromedriver"));

    @TempDir
    Path tmp;

    private WebDriver browser;

    @BeforeEach
    void startChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium is not installed (apt-get install -y chromium chromium-driver): browser test skipped");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required", "--window-size=420,900",
                "--user-data-dir=" + tmp.resolve("profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aVideoUploadedThroughThePageReachesOneHundredPercentAndItsClipPlaysInTheGallery() throws Exception {
        ClipflowStack stack = SharedStacks.get(ClipflowStack.Storage.LOCAL);
        Path video = SampleVideo.builder().seconds(6).size(640, 360).fps(30).build().writeTo(tmp.resolve("browser-upload.mp4"));

        browser.get(stack.gatewayUrl() + "/");
        browser.findElement(By.id("file")).sendKeys(video.toString());
        browser.findElement(By.id("title")).sendKeys("Browser upload");
        browser.findElement(By.cssSelector("input[name=mode][value=ranges]")).click();
        browser.findElement(By.id("ranges")).sendKeys("1-3 From the browser");
        browser.findElement(By.id("submit-button")).click();

        WebDriverWait wait = new WebDriverWait(browser, Duration.ofMinutes(3), Duration.ofMillis(250));
        WebElement job = wait.until(d -> d.findElements(By.cssSelector("#job-list .job")).stream().findFirst().orElse(null));
        wait.withMessage(() -> "job never completed: " + job.getText() + "\n" + stack.logs())
                .until(d -> "completed".equals(job.findElement(By.className("job-status")).getText())
                        && "100".equals(job.findElement(By.className("job-progress")).getDomProperty("value")));

        WebElement clip = wait.withMessage(() -> "the clip never appeared in the gallery\n" + stack.logs())
                .until(d -> d.findElements(By.cssSelector("#gallery-grid .clip")).stream()
                        .filter(card -> card.findElement(By.className("clip-title")).getText().equals("From the browser"))
                        .findFirst().orElse(null));
        WebElement player = clip.findElement(By.tagName("video"));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript("arguments[0].muted = true; arguments[0].play();", player);
        wait.withMessage(() -> "the clip did not play: " + js.executeScript(
                        "const v = arguments[0]; return {error: v.error && v.error.message, state: v.readyState, src: v.currentSrc};", player))
                .until(d -> ((Number) js.executeScript("return arguments[0].currentTime;", player)).doubleValue() > 0.2);
        List<WebElement> downloads = clip.findElements(By.className("download"));
        assertThat(downloads).singleElement().satisfies(link -> assertThat(link.getDomAttribute("href")).contains("/storage/"));
    }
}
