package dev.sentio.server;

import dev.sentio.SharedData;
import dev.sentio.audio.Audio;
import dev.sentio.audio.AudioLoader;
import dev.sentio.audio.WavWriter;
import dev.sentio.model.Recognizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web page in a real browser: Debian's headless Chromium driven by Selenium through Debian's chromedriver
 * (`.ci/run` installs both; without them the test is skipped with a message). It uploads a corpus file and reads
 * the label; it records "from the microphone" with Chromium's fake capture playing a corpus file, and sees live
 * results arrive over the WebSocket; it saves a screenshot under target/ and checks it is not blank.
 */
class WebPageTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    @TempDir
    static Path dir;
    static SentioServer server;
    static WebDriver browser;
    static Path utterance;
    static Path microphone;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: no " + CHROMIUM + " and " + CHROMEDRIVER + " (Debian's chromium and chromium-driver; "
                        + ".ci/run installs them)");
        utterance = SharedData.require("corpora/originals/YAF_germ_angry.wav");
        // what the fake microphone plays, over and over: the utterance, then 1.5 s of silence
        Audio a = AudioLoader.load(utterance, 16000);
        float[] y = java.util.Arrays.copyOf(a.samples(), a.length() + 24000);
        microphone = dir.resolve("microphone.wav");
        WavWriter.write(microphone, y, 16000);
        server = new SentioServer(Recognizer.bundled(), "bundled",
                ServerSettings.defaults().withAddress("127.0.0.1", 0));
        server.start();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + dir.resolve("profile"), "--window-size=1200,1400",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--use-file-for-fake-audio-capture=" + microphone, "--autoplay-policy=no-user-gesture-required");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(40));
    }

    @Test
    void uploadRecordAndScreenshot() throws IOException {
        browser.get("http://127.0.0.1:" + server.port() + "/");
        waiting().until(d -> d.findElement(By.id("model")).getText().startsWith("Model:"));

        // a corpus file uploaded: the label the library gives it, its probabilities and its timeline
        String expected = Recognizer.bundled().recognize(utterance).label();
        browser.findElement(By.id("file")).sendKeys(utterance.toString());
        browser.findElement(By.id("recognize")).click();
        waiting().until(d -> d.findElement(By.id("result-label")).getText().equals(expected));
        assertEquals(Recognizer.bundled().labels().size(),
                browser.findElements(By.cssSelector("#probabilities tbody tr")).size());
        waiting().until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "const c = document.getElementById('timeline');"
                        + "const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + "for (let i = 3; i < px.length; i += 4) { if (px[i] > 0) return true; } return false;"));

        // the fake microphone: estimates and segments arrive while it "speaks"
        browser.findElement(By.id("record")).click();
        waiting().until(d -> d.findElement(By.id("live-status")).getText().startsWith("listening"));
        waiting().until(d -> !d.findElement(By.id("live-label")).getText().equals("-"));
        waiting().until(d -> d.findElements(By.cssSelector("#segments li")).stream()
                .anyMatch(li -> !li.getText().contains("none")));
        assertTrue(browser.findElement(By.id("status")).getText().isEmpty(),
                browser.findElement(By.id("status")).getText());
        browser.findElement(By.id("stop")).click();
        waiting().until(d -> d.findElement(By.id("live-status")).getText().equals("stopped"));

        Path shot = Path.of("target", "web-page.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        BufferedImage image = ImageIO.read(shot.toFile());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "the screenshot " + new File(shot.toString()).getAbsolutePath()
                + " looks blank: " + colours.size() + " colours");
    }
}
