package dev.infrajunit.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.infrajunit.engine.fixtures.report.ReportSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The HTML report of a real run through the Launcher (its listener found by the ServiceLoader, as
 * in every launcher), looked at in a real headless Chromium.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HtmlReportTest {

    @TempDir
    static Path reports;
    private static Path index;

    @BeforeAll
    static void runTheSpecs() {
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(ReportSpec.class))
                .configurationParameter("infra.environment", "fleet")
                .configurationParameter("infra.report.dir", reports.toString())
                .build());
        index = reports.resolve("index.html");
    }

    @Test
    void durationsAreShownInTenthsOfASecondRoundedHalfUp() {
        assertThat(HtmlReport.seconds(Duration.ZERO)).isEqualTo("0.0 s");
        assertThat(HtmlReport.seconds(Duration.ofMillis(49))).isEqualTo("0.0 s");
        assertThat(HtmlReport.seconds(Duration.ofMillis(50))).isEqualTo("0.1 s");
        assertThat(HtmlReport.seconds(Duration.ofMillis(1249))).isEqualTo("1.2 s");
        assertThat(HtmlReport.seconds(Duration.ofMillis(1250))).isEqualTo("1.3 s");
        assertThat(HtmlReport.seconds(Duration.ofSeconds(61, 234_000_000))).isEqualTo("61.2 s");
    }

    @Test
    void theHeaderSaysWhenTheRunFinishedToTheSecondInUtc() {
        String page = HtmlReport.render(List.of(), "staging", Instant.parse("2026-12-03T08:14:03.987654321Z"),
                Duration.ofMillis(4_250));

        assertThat(page).contains("<b>staging</b>, finished <time datetime=\"2026-12-03T08:14:03Z\">2026-12-03 08:14:03 UTC"
                + "</time> after 4.3 s");
    }

    @Test
    void hostsAreRowsChecksAreColumnsAndEachCellHasItsOutcomeAndMessage() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            ChromeDriver page = open(chromium);

            assertThat(texts(page, "#results tbody th.host")).containsExactly("db-1", "db-2", "db-3", "web-1",
                    HtmlReport.NO_HOST);
            // in the order of the test plan, the order Surefire and IDEs show them in
            assertThat(texts(page, "#results thead th.check")).containsExactly("ReportSpec\nanswers",
                    "ReportSpec\nbackupIsFresh", "ReportSpec\nbackupServerAnswers", "ReportSpec\ndb3Answers");
            assertThat(page.findElement(By.id("totals")).getText())
                    .isEqualTo("5 rows, 4 checks: 6 passed 1 failed 1 could not check 1 skipped");

            WebElement db2Backup = cell(page, "db-2", 2);
            assertThat(db2Backup.getAttribute("class")).contains("failed");
            assertThat(db2Backup.getAttribute("title")).isEqualTo("failed: db-2: expected a backup younger than 24h, but"
                    + " <script>alert('x')</script> & \"the newest\" is 51h old");
            assertThat(cell(page, "web-1", 1).getAttribute("class")).contains("could-not-check");
            assertThat(cell(page, "web-1", 1).getAttribute("title"))
                    .isEqualTo("could not check: web-1: unreachable: no answer from 10.0.0.1:22 within 10s");
            assertThat(cell(page, HtmlReport.NO_HOST, 3).getAttribute("class")).contains("skipped");
            // the message's markup is text: the page has its own script only
            assertThat(page.findElements(By.tagName("script"))).hasSize(1);
        }
    }

    @Test
    void clickingACellShowsItsMessageAndTheCommandsItRanWithExitStatusAndDuration() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            ChromeDriver page = open(chromium);
            cell(page, "db-2", 2).click();

            WebElement detail = page.findElements(By.cssSelector(".detail")).stream().filter(WebElement::isDisplayed)
                    .findFirst().orElseThrow();
            assertThat(detail.findElement(By.tagName("h2")).getText()).isEqualTo("db-2: ReportSpec.backupIsFresh failed");
            assertThat(detail.findElement(By.cssSelector("pre.message")).getText()).contains("<script>alert('x')</script>");
            List<String> command = texts(detail, "table.commands tbody td");
            assertThat(command.subList(0, 3)).containsExactly("db-2", "echo 51", "0");
            assertThat(command.get(3)).matches("\\d+ ms");
            assertThat(command.get(4)).isEqualTo("51");
            chromium.screenshot(Path.of("target", "infra-junit-report-screenshot.png"));
        }
    }

    @Test
    void theFilterShowsOnlyWhatIsNotGreen() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            ChromeDriver page = open(chromium);
            page.findElement(By.id("only-not-green")).click();

            assertThat(page.findElements(By.cssSelector("#results tbody th.host")).stream().filter(WebElement::isDisplayed)
                    .map(WebElement::getText)).containsExactly("db-2", "web-1", HtmlReport.NO_HOST);
            assertThat(page.findElements(By.cssSelector("#results thead th.check")).stream().filter(WebElement::isDisplayed)
                    .map(WebElement::getText)).containsExactly("ReportSpec\nanswers", "ReportSpec\nbackupIsFresh",
                    "ReportSpec\nbackupServerAnswers");
            chromium.screenshot(Path.of("target", "infra-junit-report-filtered-screenshot.png"));
        }
    }

    @Test
    void theReportIsOneFileThatNeedsNothingElse() throws Exception {
        String html = Files.readString(index);

        assertThat(html).doesNotContain("<link", "src=\"", "http://", "https://");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;the newest&quot;");
    }

    private static ChromeDriver open(HeadlessChromium chromium) {
        ChromeDriver page = chromium.driver();
        page.get(index.toUri().toString());
        return page;
    }

    /** The cell of a host's row in a column, counting the columns from 1. */
    private static WebElement cell(ChromeDriver page, String host, int column) {
        WebElement row = page.findElements(By.cssSelector("#results tbody tr")).stream()
                .filter(tr -> tr.findElement(By.cssSelector("th.host")).getText().equals(host)).findFirst().orElseThrow();
        return row.findElements(By.tagName("td")).get(column - 1);
    }

    private static List<String> texts(SearchContext context, String css) {
        return context.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }
}
