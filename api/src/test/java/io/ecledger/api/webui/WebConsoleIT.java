package io.ecledger.api.webui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.testing.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser: Debian's chromium, headless, driven through chromium-driver, against a manager
 * and the seed's three node agents. Each page's screenshot goes to {@code target/webui-screenshots/}.
 */
@ExtendWith(KafkaBroker.class)
class WebConsoleIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "webui-screenshots");
    private static final List<String> SEED = List.of("rh52bar2", "rh52bare", "rh52mgr");
    // slow enough that the failed tries before the users file is re-read stay under the sign-in throttle
    private static final Duration SIGN_IN_POLL = Duration.ofMillis(400);

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws IOException {
        assertThat(CHROMIUM).as("Debian's chromium (.ci/run installs chromium and chromium-driver)").isExecutable();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver").isExecutable();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                // root in CI: chromium's sandbox needs a user namespace it does not get there
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800",
                        "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorSignsInBroadcastsSeesEveryNodeAnswerAndFindsItInHistoryWithTheChainIntact(KafkaBroker.Handle broker) {
        try (Cluster cluster = SeededCluster.fresh(broker).withSeedConf().start()) {
            ManagerFixture manager = cluster.manager();
            manager.addPasswordUser("operator", "correct horse battery", "admin");
            // the manager re-reads the users file within a second
            await().atMost(Duration.ofSeconds(10)).pollInterval(SIGN_IN_POLL).until(() -> manager.anonymous().postJson("/v1/session",
                    "{\"user\": \"operator\", \"password\": \"correct horse battery\"}").statusCode() == 200);

            browser.get(manager.endpoint() + WebConsole.PATH);
            signInWithTheKeyboard("operator", "correct horse battery");

            // Cluster: a tile per member, grouped by subcluster
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("page-cluster")));
            wait.until(d -> tiles("cluster-tiles").size() == SEED.size());
            assertThat(text(By.id("page-cluster"))).contains("east", "west");
            screenshot("cluster");

            // Command: the console grammar, a grid that turns OK as the answers arrive
            navigate("#/command", "page-command");
            WebElement line = browser.findElement(By.id("command-line"));
            long before = cluster.ledger().endOffset();
            line.sendKeys("unicast nosuchnode version", Keys.ENTER);
            wait.until(d -> text(By.id("command-error")).contains("unknown node 'nosuchnode'"));
            assertThat(cluster.ledger().endOffset()).as("a refused line appends nothing").isEqualTo(before);
            line.clear();
            line.sendKeys("broadcast sieve:sieve1 flush cache");
            browser.findElement(By.id("command-send")).click();
            wait.until(d -> tiles("command-grid").size() == SEED.size()
                    && tiles("command-grid").stream().allMatch(tile -> "OK".equals(tile.getAttribute("data-state"))));
            assertThat(tiles("command-grid")).extracting(tile -> tile.getAttribute("data-node"))
                    .containsExactlyInAnyOrderElementsOf(SEED);
            assertThat(tiles("command-grid")).allSatisfy(tile -> assertThat(tile.getText())
                    .as("the state is written out, not only coloured").contains("OK"));
            wait.until(d -> text(By.id("command-counts")).contains("3"));
            screenshot("command");

            browser.findElement(By.cssSelector("#command-grid .tile[data-node='rh52bare']")).click();
            wait.until(d -> text(By.id("node-output")).contains("sieve:sieve1 cache flushed"));
            assertThat(text(By.id("node-output"))).contains("rh52bare");
            screenshot("command-output");

            // History: the command is there, and its detail shows every node's output
            navigate("#/history", "page-history");
            wait.until(d -> text(By.id("history-table")).contains("sieve:sieve1 flush cache"));
            screenshot("history");
            WebElement row = browser.findElements(By.cssSelector("#history-table tr[data-offset]")).stream()
                    .filter(r -> r.getText().contains("sieve:sieve1 flush cache")).findFirst().orElseThrow();
            row.findElement(By.tagName("a")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("page-history-detail")));
            wait.until(d -> d.findElements(By.cssSelector("#page-history-detail pre[data-node]")).size() == SEED.size());
            assertThat(text(By.cssSelector("#page-history-detail pre[data-node='rh52bar2']")))
                    .contains("sieve:sieve1 cache flushed");
            screenshot("history-detail");

            // Audit: the chain is intact, the manager key and the node keys are shown
            navigate("#/audit", "page-audit");
            wait.until(d -> text(By.id("audit-status")).contains("intact"));
            assertThat(text(By.id("audit-status"))).doesNotContain("BROKEN");
            wait.until(d -> !text(By.id("manager-key")).isBlank());
            screenshot("audit");

            // Config: the folded configuration, webui-common.conf's options among eccluster.conf's
            navigate("#/config", "page-config");
            wait.until(d -> text(By.id("config-options")).contains("Control_Listener"));
            assertThat(text(By.id("config-options"))).as("webui-common.conf, included by eccluster.conf")
                    .contains("Server_Name", "Session_Timeout", "ecdb");
            screenshot("config");
            // config set through the page's form: a PUT with the session's CSRF token, on the ledger as the operator
            long beforeSet = cluster.ledger().endOffset();
            browser.findElement(By.id("config-set-scope")).sendKeys("Web_UI");
            browser.findElement(By.id("config-set-option")).sendKeys("Session_Timeout");
            browser.findElement(By.id("config-set-value")).sendKeys("900");
            browser.findElement(By.id("config-set-submit")).click();
            wait.until(d -> text(By.id("config-set-status")).contains("ledger offset"));
            assertThat(manager.console("config eval Web_UI Session_Timeout").body()).contains("900");
            List<String> actors = new java.util.ArrayList<>();
            cluster.ledger().read(beforeSet, entry -> actors.add(entry.event().actor()));
            assertThat(actors).containsExactly("operator");

            // a phone-width window: still readable, nothing wider than the window
            browser.manage().window().setSize(new Dimension(390, 844));
            navigate("#/cluster", "page-cluster");
            wait.until(d -> tiles("cluster-tiles").size() == SEED.size());
            Object overflow = ((org.openqa.selenium.JavascriptExecutor) browser)
                    .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).longValue()).as("no horizontal scrolling at 390 px").isLessThanOrEqualTo(0);
            screenshot("cluster-narrow");

            // a viewer: what the role may not do is not offered
            browser.manage().window().setSize(new Dimension(1280, 800));
            manager.addPasswordUser("watcher", "correct horse watcher", "viewer");
            browser.findElement(By.id("signout")).click();
            await().atMost(Duration.ofSeconds(10)).pollInterval(SIGN_IN_POLL).until(() -> manager.anonymous().postJson("/v1/session",
                    "{\"user\": \"watcher\", \"password\": \"correct horse watcher\"}").statusCode() == 200);
            signInWithTheKeyboard("watcher", "correct horse watcher");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("page-cluster")));
            navigate("#/command", "page-command");
            assertThat(browser.findElements(By.id("command-line"))).as("no command input for a viewer").isEmpty();
            assertThat(text(By.id("page-command"))).contains("may not send");
            navigate("#/audit", "page-audit");
            wait.until(d -> !text(By.id("node-keys")).isBlank());
            assertThat(browser.findElements(By.cssSelector("button[data-accept], button[data-reject]"))).isEmpty();
            navigate("#/config", "page-config");
            assertThat(browser.findElements(By.id("config-set"))).as("no config set for a viewer").isEmpty();
        }
    }

    /** Signs in without the mouse: type the user, Tab to the password, Enter to submit. */
    private void signInWithTheKeyboard(String user, String password) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-user")));
        browser.findElement(By.id("signin-user")).clear();
        browser.findElement(By.id("signin-password")).clear();
        browser.findElement(By.id("signin-user")).sendKeys(user, Keys.TAB);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("Tab moves to the password")
                .isEqualTo("signin-password");
        browser.switchTo().activeElement().sendKeys(password, Keys.ENTER);
    }

    private void navigate(String hash, String pageId) {
        browser.findElement(By.cssSelector(".nav-links a[href='" + hash + "']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(pageId)));
        wait.until(d -> {
            WebElement focused = d.switchTo().activeElement();
            return "h1".equalsIgnoreCase(focused.getTagName());
        });
    }

    private List<WebElement> tiles(String containerId) {
        return browser.findElements(By.cssSelector("#" + containerId + " .tile"));
    }

    private String text(By by) {
        List<WebElement> found = browser.findElements(by);
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private void screenshot(String name) {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
