package dev.infrajunit.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.infrajunit.engine.report.HeadlessChromium;
import dev.infrajunit.monitor.state.Thresholds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * File names on a host are written by whoever can write there: a backup named like markup shows on
 * the page as the text it is, in a real Chromium.
 */
class HostileNamesPageTest {

    private static final String HOSTILE = "<img src=x onerror=alert(1)>.dump";

    @TempDir
    Path directory;

    @Test
    void aBackupNamedLikeMarkupShowsAsText() throws Exception {
        LocalFleet fleet = LocalFleet.create(directory.resolve("fleet"), List.of("db-1"), false);
        fleet.backup("db-1", HOSTILE, Duration.ofHours(50));
        try (TestMonitor monitor = TestMonitor.start(fleet.selection(), new Thresholds(1, 1, 50, 25), directory.resolve("state.json"),
                List.of(), Duration.ofMinutes(1))) {
            monitor.cycle();
            assertThat(monitor.get("/").body()).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;.dump");
            try (HeadlessChromium chromium = HeadlessChromium.start()) {
                ChromeDriver browser = chromium.driver();
                browser.get(monitor.uri("/").toString());
                WebElement cell = DemoMonitorTest.cell(browser, "dev.infrajunit.monitor.fixtures.BackupsSpec", "hasARecentBackup", "db-1");
                assertThat(cell.getAttribute("class")).contains("state-failing");
                cell.findElement(By.tagName("summary")).click();
                assertThat(cell.findElement(By.cssSelector("pre.message")).getText())
                        .startsWith("db-1: expected a backup younger than 24h, but the newest of ")
                        .contains("is " + HOSTILE + ", 2d 2h old");
                assertThat(cell.getAttribute("title")).contains(HOSTILE);
                assertThat(browser.findElements(By.tagName("img"))).isEmpty();
                assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
                chromium.screenshot(Path.of("target", "monitor-page-hostile-name.png"));
            }
        }
    }
}
