package dev.clipflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clipflow.devstack.Http;
import dev.clipflow.devstack.SampleVideo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
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
    void startChromium() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium is not installed (apt-get install -y chromium chromium-driver): browser test skipped");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required", "--window-size=420,900",
                "--user-data-dir=" + tmp.resolve("profile"));
        // Chromium's audio client (libpulse) makes its runtime directory in /tmp unless it is given one.
        Path runtime = Files.createDirectories(tmp.resolve("runtime"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .withEnvironment(Map.of("XDG_RUNTIME_DIR", runtime.toString())).usingAnyFreePort().build();
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
        // the panel lists every job of the stack: this one is found by its title
        WebElement job = wait.until(d -> d.findElements(By.cssSelector("#job-list .job")).stream()
                .filter(item -> item.findElement(By.className("job-title")).getText().equals("Browser upload"))
                .findFirst().orElse(null));
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

    @Test
    void aJobSubmittedElsewhereIsInTheJobsTableAndDeletingItFromTheGalleryRemovesItEverywhere() throws Exception {
        ClipflowStack stack = SharedStacks.get(ClipflowStack.Storage.LOCAL);
        Path video = SampleVideo.builder().seconds(4).size(640, 360).fps(30).build().writeTo(tmp.resolve("api-upload.mp4"));
        // one word: the title the worker reports once it rendered (sanitized) is then the same as the one sent
        Http.Reply accepted = Http.postMultipart(stack.gatewayUrl() + "/jobs", video, java.util.Map.of(
                "title", "CurlSubmitted", "output_format", "original", "clips", "[{\"start\":1,\"end\":2,\"title\":\"By curl\"}]"));
        assertThat(accepted.status()).as(stack.logs()).isEqualTo(202);
        String jobId = accepted.body().get("job_id").asText();

        browser.get(stack.gatewayUrl() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofMinutes(3), Duration.ofMillis(250));
        WebElement row = wait.withMessage(() -> "the job is not in the jobs table\n" + stack.logs())
                .until(d -> d.findElements(By.id("job-" + jobId)).stream().findFirst().orElse(null));
        assertThat(row.findElement(By.className("job-title")).getText()).isEqualTo("CurlSubmitted");
        wait.withMessage(() -> "job never completed: " + row.getText() + "\n" + stack.logs())
                .until(d -> "completed".equals(row.findElement(By.className("job-status")).getText())
                        && "100".equals(row.findElement(By.className("job-progress")).getDomProperty("value")));
        assertThat(row.findElement(By.className("job-delete")).getText()).isEqualTo("Delete");

        By group = By.cssSelector(".gallery-job[data-job-id='" + jobId + "']");
        wait.withMessage(() -> "the job never appeared in the gallery\n" + stack.logs())
                .until(d -> {
                    if (d.findElements(group).isEmpty()) {
                        d.findElement(By.id("refresh-gallery")).click();
                        return false;
                    }
                    return true;
                });
        // A refresh clicked a moment before may still redraw the gallery: each try finds the job's group afresh.
        wait.withMessage(() -> "the job's group in the gallery was not as submitted\n" + stack.logs())
                .ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement jobInGallery = d.findElement(group);
            assertThat(jobInGallery.findElement(By.className("gallery-job-title")).getText()).isEqualTo("CurlSubmitted");
            assertThat(jobInGallery.findElements(By.className("clip"))).singleElement()
                    .satisfies(card -> assertThat(card.findElement(By.className("clip-title")).getText()).isEqualTo("By curl"));
            jobInGallery.findElement(By.className("gallery-job-delete")).click();
            return true;
        });
        // A gallery or job list fetched before the delete took effect must not bring the job back.
        wait.withMessage(() -> "the deleted job is still on the page\n" + stack.logs())
                .until(d -> d.findElements(group).isEmpty() && d.findElements(By.id("job-" + jobId)).isEmpty());
        assertThat(Http.get(stack.gatewayUrl() + "/jobs/" + jobId).status()).isEqualTo(410);

        // after a reload the job is still gone: the page asks the gateway, not its own memory
        wait.withMessage(() -> "the gallery-service still lists the deleted job\n" + stack.logs()).until(d -> {
            try {
                return !new String(Http.get(stack.gatewayUrl() + "/gallery?limit=500").raw().body()).contains(jobId);
            } catch (Exception e) {
                return false;
            }
        });
        browser.navigate().refresh();
        wait.until(d -> !d.findElements(By.cssSelector("#job-list .job")).isEmpty());
        assertThat(browser.findElements(group)).isEmpty();
        assertThat(browser.findElements(By.id("job-" + jobId))).isEmpty();
    }
}
