package io.corral.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.placement.PlacementApplication;
import io.corral.receptor.ReceptorApplication;
import io.corral.receptor.api.ActualLrp;
import io.corral.receptor.api.Cell;
import io.corral.receptor.api.CellCapacity;
import io.corral.receptor.api.InstanceTransition;
import io.corral.receptor.api.PortMapping;
import io.corral.receptor.client.ReceptorClient;
import io.corral.routes.RouteEmitterApplication;
import io.corral.sshauth.SshAuthApplication;
import io.corral.sshauth.audit.AccessAudit;
import io.corral.support.FreePorts;
import io.corral.support.security.DevIssuer;
import io.corral.testsupport.ApiFixtures;
import io.corral.testsupport.ChildJvm;
import io.corral.testsupport.Eventually;
import io.corral.testsupport.RawHttp;
import io.corral.testsupport.ServiceUnderTest;
import io.corral.testsupport.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}) against the receptor, placement, the route emitter and
 * ssh-auth-service booted in this JVM on the real PostgreSQL, each on its own port as in
 * production, so the page's calls to the other three are cross-origin. The receptor ends
 * its event streams every 5 s, so the page is seen to resume them. It leaves its last
 * screenshot in {@code target/console.png}, and in the file the system property
 * {@code console.screenshot} names ({@code docs/console.png}, docs/console.md).
 */
@EnabledIf(value = "browserInstalled",
        disabledReason = "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver):"
                + " /usr/bin/chromium and /usr/bin/chromedriver, or -Dconsole.chromium and -Dconsole.chromedriver")
class ConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));

    private static final Path CHROMEDRIVER = Path
        .of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static final String OPERATOR = TestTokens.withScopes("receptor.read", "placement.admin", "routes.read",
            "ssh.admin");

    @TempDir
    static Path profile;

    private static ServiceUnderTest receptorService;

    private static ServiceUnderTest placement;

    private static ServiceUnderTest routeEmitter;

    private static ServiceUnderTest sshAuth;

    private static ReceptorClient receptor;

    private static WebDriver browser;

    static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeAll
    static void start() {
        int receptorPort = FreePorts.pick();
        int placementPort = FreePorts.pick();
        int routesPort = FreePorts.pick();
        int sshAuthPort = FreePorts.pick();
        receptorService = ServiceUnderTest.start(ReceptorApplication.SERVICE,
                Map.of("server.port", String.valueOf(receptorPort), "corral.events.stream-timeout", "5s",
                        "corral.console.placement-url", "http://127.0.0.1:" + placementPort,
                        "corral.console.route-emitter-url", "http://127.0.0.1:" + routesPort,
                        "corral.console.ssh-auth-url", "http://127.0.0.1:" + sshAuthPort));
        receptor = receptorService.client();
        placement = ServiceUnderTest.start(PlacementApplication.SERVICE, besideTheReceptor(placementPort));
        routeEmitter = ServiceUnderTest.start(RouteEmitterApplication.SERVICE, besideTheReceptor(routesPort));
        sshAuth = ServiceUnderTest.start(SshAuthApplication.SERVICE, besideTheReceptor(sshAuthPort));
        browser = chromium();
    }

    /**
     * On {@code port}, following the receptor, and readable by pages of the receptor's
     * origin.
     */
    private static Map<String, String> besideTheReceptor(int port) {
        Map<String, String> settings = new HashMap<>();
        settings.put("server.port", String.valueOf(port));
        settings.put("corral.receptor.url", receptorService.uri().toString());
        settings.put("corral.security.cors.allowed-origins", receptorService.uri().toString());
        return settings;
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.resolve("chromium"), "--window-size=1280,1000", "--lang=en-US");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, Level.ALL.getName()));
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
        return new ChromeDriver(driver, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        for (ServiceUnderTest service : new ServiceUnderTest[] { sshAuth, routeEmitter, placement, receptorService }) {
            if (service != null) {
                service.close();
            }
        }
    }

    @BeforeEach
    void freshPage() {
        // The origin's session storage, emptied on a page that reads none of it.
        browser.get(receptorService.uri() + "/console/services.json");
        script("sessionStorage.clear()");
        browser.get(receptorService.uri() + "/console/");
        severeBrowserLogs();
    }

    @Test
    void theConsoleShowsTheRunningPlatformAndFollowsItWithoutReloading() throws IOException {
        receptor.heartbeat("cell-z1-a", cell("cell-z1-a", "z1"));
        receptor.heartbeat("cell-z1-b", evacuating(cell("cell-z1-b", "z1")));
        receptor.heartbeat("cell-z2-ssd", cell("cell-z2-ssd", "z2", "ssd"));

        signIn(OPERATOR);
        awaitText("cells", "cell-z2-ssd");
        assertThat(text("cells")).contains("Zone z1: 2 cells", "Zone z2: 1 cell", "cell-z1-a",
                "cell-z1-b (evacuating: takes no new work)", "0 of 16,384 MB (0%)", "ssd");
        assertThat(text("summary")).containsPattern("\\d+ cells in \\d+ zones");
        assertThat(browser.findElement(By.id("summary")).getDomAttribute("aria-live")).isEqualTo("polite");
        script("window.notReloaded = true");
        countCalls();

        receptor.desireLrp(ApiFixtures.desiredLrpBuilder("web").spaceGuid("space-shop").instances(2).build());
        awaitText("instances", "web");
        awaitText("cells", "256 of 16,384 MB (2%)");
        run("web", 0, 61000);
        run("web", 1, 61001);
        awaitText("routes", "10.0.0.9:61001");
        assertThat(text("routes")).contains("Untagged (shared routers): 2 routes", "10.0.0.9:61000", "10.0.0.9:61001");
        assertThat(cellOf("instances", "tr[data-process-guid='web'] td[data-state='RUNNING']")).isEqualTo("2");

        receptor.desireLrp(ApiFixtures.desiredLrp("gpu-job", "cf-apps", 1, List.of("gpu")));
        awaitText("unplaced", "gpu-job index 0");
        assertThat(text("unplaced")).contains("found no compatible cell");
        click(By.cssSelector("button[aria-label='Explain gpu-job index 0']"));
        new WebDriverWait(browser, WAIT).until(page -> text("explain").contains("lacks required tag gpu"));
        assertThat(text("explain")).contains("No cell fits: found no compatible cell", "cell-z2-ssd");
        click(By.id("explain-close"));

        receptor.desireLrp(
                ApiFixtures.desiredLrpBuilder("cache").spaceGuid("space-shop").placementTags(List.of("ssd")).build());
        run("cache", 0, 63000);
        http(placement)
            .send("PUT", "/v1/spaces/space-shop/placement_constraints/running", OPERATOR,
                    "{\"forbidden_tags\": [\"ssd\"]}")
            .expect(200);
        receptor.desireLrp(
                ApiFixtures.desiredLrpBuilder("batch").spaceGuid("space-batch").placementTags(List.of("ssd")).build());
        Eventually.await(WAIT, "batch placed on the ssd cell",
                () -> "cell-z2-ssd".equals(receptor.actualLrp("batch", 0).cellId()));
        run("batch", 0, 62000);
        http(placement)
            .send("PUT", "/v1/spaces/space-batch/placement_constraints/running?rollout=rolling", OPERATOR,
                    "{\"forbidden_tags\": [\"ssd\"]}")
            .expect(200);
        clickRefresh("placement");
        awaitText("constraints", "cache index 0");
        assertThat(text("constraints")).contains("has forbidden tag ssd");
        awaitText("rollouts", "space-batch");
        awaitText("rollouts", "batch index 0");
        assertThat(text("constraints")).contains("space-shop", "space-batch");

        http(sshAuth)
            .send("POST", "/v1/ssh/authorize", TestTokens.withScopes("ssh.proxy"),
                    "{\"username\": \"not-a-login\", \"password\": \"x\", \"client_address\": \"198.51.100.7:2222\"}")
            .assertError(403, "SshAccessRefused");
        sshAuth.bean(AccessAudit.class).flush();
        clickRefresh("ssh");
        awaitText("ssh", "invalid_username");
        assertThat(text("ssh")).contains("198.51.100.7:2222", "not-a-login");

        new WebDriverWait(browser, WAIT).withMessage("the receptor's 5 s stream opened again")
            .until(page -> (Long) script("return window.calls.streams") >= 1);
        receptor.desireLrp(ApiFixtures.desiredLrp("after-resume", "cf-apps", 1, List.of()));
        awaitText("instances", "after-resume");
        assertThat(script("return window.calls.fullReads")).as("full reads after the first").isEqualTo(0L);
        assertThat(script("return window.notReloaded === true")).isEqualTo(true);
        assertThat(script("return localStorage.length + document.cookie.length")).isEqualTo(0L);
        assertThat(browser.getCurrentUrl()).doesNotContain(OPERATOR);
        assertThat(severeBrowserLogs()).as("errors in the browser's console").isEmpty();
        screenshot();

        browser.findElement(By.id("forget")).click();
        assertThat(browser.findElement(By.id("token")).isDisplayed()).isTrue();
        assertThat(script("return sessionStorage.length")).isEqualTo(0L);
    }

    @Test
    void aTokenWithoutAScopeGetsNoneOfItsSectionsAndNoAdminControls() {
        receptor.heartbeat("cell-reader", cell("cell-reader", "z9"));
        receptor.desireLrp(ApiFixtures.desiredLrp("unplaceable-for-reader", "cf-apps", 1, List.of("nowhere")));

        signIn(TestTokens.withScopes("receptor.read"));

        awaitText("cells", "cell-reader");
        awaitText("unplaced", "unplaceable-for-reader");
        assertThat(text("constraints")).contains("Needs a token with the scope placement.admin");
        assertThat(text("routes")).contains("Needs a token with the scope routes.read");
        assertThat(text("ssh")).contains("Needs a token with the scope ssh.admin");
        assertThat(browser.findElements(By.cssSelector("#unplaced button"))).as("explain buttons").isEmpty();
        assertThat(browser.findElements(By.cssSelector("[data-refresh]"))).noneMatch(WebElement::isDisplayed);
    }

    @Test
    void aTokenTheServicesRefuseAsksForAnotherOne() throws IOException {
        DevIssuer otherKey = new DevIssuer(TestTokens.ISSUER, profile.resolve("other-key"));
        signIn(otherKey.mint("intruder", List.of("receptor.read"), Duration.ofHours(1)));

        new WebDriverWait(browser, WAIT).until(page -> text("token-error").contains("refused the token"));
        assertThat(browser.findElement(By.id("console")).isDisplayed()).isFalse();
        assertThat(script("return sessionStorage.length")).isEqualTo(0L);

        signIn(TestTokens.expired());
        new WebDriverWait(browser, WAIT).until(page -> text("token-error").contains("This token expired"));
    }

    private static Cell cell(String cellId, String zone, String... optionalTags) {
        return new Cell(cellId, zone, "http://" + cellId + ".cells:1800", new CellCapacity(16_384, 65_536, 250),
                List.of(), List.of(optionalTags), List.of("preloaded:cflinuxfs4"), 3600, null);
    }

    /** The cell as its agent announces it while it shuts down. */
    private static Cell evacuating(Cell cell) {
        return new Cell(cell.cellId(), cell.zone(), cell.repAddress(), cell.capacity(), cell.placementTags(),
                cell.optionalPlacementTags(), cell.rootfsProviders(), cell.ttlSeconds(), null, true);
    }

    /**
     * What the instance's cell does once placement put it there: claims it and reports it
     * RUNNING at 10.0.0.9 with 8080 mapped to {@code hostPort}.
     */
    private static void run(String processGuid, int index, int hostPort) {
        Eventually.await(WAIT, processGuid + " index " + index + " placed",
                () -> receptor.actualLrp(processGuid, index).cellId() != null);
        ActualLrp assigned = receptor.actualLrp(processGuid, index);
        ActualLrp claimed = receptor.transition(assigned.cellId(), processGuid, index, "claim",
                ApiFixtures.transition(assigned));
        receptor.transition(claimed.cellId(), processGuid, index, "start",
                new InstanceTransition(claimed.instanceGuid(), claimed.modificationTag(), "10.0.0.9",
                        List.of(new PortMapping(8080, hostPort)), null, null));
    }

    private static RawHttp http(ServiceUnderTest service) {
        return new RawHttp(service.uri());
    }

    private void signIn(String token) {
        WebElement field = new WebDriverWait(browser, WAIT)
            .until(page -> page.findElement(By.id("token")).isDisplayed() ? page.findElement(By.id("token")) : null);
        field.sendKeys(token);
        browser.findElement(By.cssSelector("#token-form button[type=submit]")).click();
    }

    /**
     * Counts, from now on, the page's requests for the receptor's event stream and for
     * its full listing of instances.
     */
    private static void countCalls() {
        script("""
                window.calls = { streams: 0, fullReads: 0 };
                const fetchOf = window.fetch;
                window.fetch = (url, options) => {
                  if (String(url).endsWith('/v1/events')) window.calls.streams++;
                  if (String(url).endsWith('/v1/actual_lrps')) window.calls.fullReads++;
                  return fetchOf(url, options);
                };""");
    }

    private void clickRefresh(String what) {
        click(By.cssSelector("[data-refresh='" + what + "']"));
    }

    /**
     * Clicks what {@code element} finds, again if a live update replaced it meanwhile.
     */
    private void click(By element) {
        new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).until(page -> {
            page.findElement(element).click();
            return true;
        });
    }

    private void awaitText(String id, String expected) {
        new WebDriverWait(browser, WAIT)
            .withMessage(() -> "#" + id + " shows '" + expected + "'; it shows:\n" + text(id))
            .until(page -> text(id).contains(expected));
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static String cellOf(String id, String selector) {
        return browser.findElement(By.id(id)).findElement(By.cssSelector(selector)).getText();
    }

    private static Object script(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** The errors the browser logged since the last call. */
    private static List<String> severeBrowserLogs() {
        return browser.manage()
            .logs()
            .get(LogType.BROWSER)
            .getAll()
            .stream()
            .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .toList();
    }

    /** The whole page, tall enough for every section. */
    private static void screenshot() throws IOException {
        long height = (Long) script("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(1280, (int) Math.min(height + 200, 6000)));
        script("window.scrollTo(0, 0)");
        Path shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "console.png");
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        String copy = System.getProperty("console.screenshot");
        if (copy != null && !copy.isBlank()) {
            Files.copy(shot, Path.of(copy), StandardCopyOption.REPLACE_EXISTING);
        }
    }

}
