package dev.mcpsessions.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Alert;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.process.ServerSpec;
import dev.mcpsessions.process.ServerState;
import dev.mcpsessions.process.Transport;
import dev.mcpsessions.security.ApiToken;
import dev.mcpsessions.session.CreateSession;
import dev.mcpsessions.session.SessionRegistry;
import dev.mcpsessions.session.SessionView;

/**
 * The dashboard in a real browser against the real manager: live state changes, the log tail,
 * restarts, cleanup and the config report. Also saves a screenshot of each page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mcp.cleanup.automatic=false", "mcp.dashboard.announce=false",
        // long enough that the browser sees STARTING before RUNNING on a busy machine
        "mcp.supervision.start-secs=2s", "mcp.supervision.stop-wait=2s"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    static final String TICKER = "sh -c 'i=0; while :; do i=$((i+1)); echo \"tick $i\"; sleep 0.1; done'";
    private static final Pattern TICK = Pattern.compile("tick (\\d+)\\s*$");

    /** Not a @TempDir: with one test instance for the class, the context starts before those are made. */
    static final Path home = TestHomes.create("dashboard-browser");

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("mcp.home", () -> home.toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    SessionRegistry sessions;
    @Autowired
    ProcessSupervisor supervisor;
    @Autowired
    ApiToken token;

    Browser browser;
    Process owner;

    @BeforeAll
    void openBrowser() {
        browser = Browser.open("http://127.0.0.1:" + port);
        browser.get("/login?token=" + token.reveal());
    }

    @AfterEach
    void endSessions() {
        browser.size(1280, 900);
        sessions.list().forEach(s -> sessions.end(s.id(), "test over"));
        if (owner != null) {
            owner.destroyForcibly();
        }
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        TestHomes.delete(home);
    }

    @Test
    void serverStartedFromTheFormShowsStartingThenRunningAndStopsWithoutReload() {
        session("form");
        browser.get("/sessions/form");
        recordStates("server-form-web");
        browser.find("#server-name").sendKeys("web");
        browser.find("#server-command").sendKeys("sleep 300");
        browser.find("#start-server").click();

        await().atMost(Duration.ofSeconds(20)).until(() -> state("#server-form-web .state").equals("RUNNING"));
        assertThat(recordedStates()).containsSubsequence("STARTING", "RUNNING");
        assertThat(browser.script("return window.__noReload === true")).isEqualTo(true);
        assertThat(browser.find("#server-name").getAttribute("value")).isEmpty(); // the form was reset

        browser.find("#server-form-web-link").click();
        browser.script("window.__noReload = true");
        browser.find("#action-stop").click();
        await().atMost(Duration.ofSeconds(20)).until(() -> state("#server-state").equals("STOPPED"));
        assertThat(browser.script("return window.__noReload === true")).isEqualTo(true);
        assertThat(supervisor.get("form", "web").state()).isEqualTo(ServerState.STOPPED);
    }

    @Test
    void startFormShowsTheProblemDetailOfARefusal() {
        session("refused");
        browser.get("/sessions/refused");
        browser.find("#server-name").sendKeys("bad");
        browser.find("#server-command").sendKeys("no-such-program-anywhere");
        browser.find("#start-server").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text("#start-form .form-error").contains("no-such-program-anywhere"));
        assertThat(browser.text("#toasts")).contains("no-such-program-anywhere");
        assertThat(browser.find("#start-server").isEnabled()).isTrue();
    }

    @Test
    void serverPageShowsNewLogLinesWithinOneSecond() {
        session("logs");
        supervisor.add("logs", spec("ticker", TICKER));
        browser.get("/sessions/logs/servers/ticker");
        await().atMost(Duration.ofSeconds(15)).until(() -> lastTick() > 0);

        for (int i = 0; i < 3; i++) {
            int seen = lastTick();
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).until(() -> lastTick() > seen);
        }

        browser.find("#log-pause").click();
        String paused = browser.text("#log");
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2)).until(() -> browser.text("#log").equals(paused));
        browser.find("#log-pause").click();
        await().atMost(Duration.ofSeconds(2)).until(() -> !browser.text("#log").equals(paused));

        browser.find("#log-clear").click();
        assertThat(browser.text("#log").lines().count()).isLessThan(5);
        browser.screenshots("server");
    }

    @Test
    void killedProcessShowsAsARestartOnTheOverview() throws InterruptedException {
        session("crash");
        supervisor.add("crash", spec("sleeper", "sleep 300"));
        long pid = supervisor.awaitSettled("crash", "sleeper", Duration.ofSeconds(20)).pid();
        browser.get("/");
        await().atMost(Duration.ofSeconds(10)).until(() -> state("#server-crash-sleeper .state").equals("RUNNING"));
        assertThat(browser.text("#server-crash-sleeper .restarts")).isEqualTo("0");
        recordStates("server-crash-sleeper");

        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);

        await().atMost(Duration.ofSeconds(20)).until(() -> browser.text("#server-crash-sleeper .restarts").equals("1")
                && state("#server-crash-sleeper .state").equals("RUNNING"));
        assertThat(browser.text("#server-crash-sleeper .pid")).isNotEqualTo(Long.toString(pid));
        assertThat(recordedStates()).contains("STARTING");
        assertThat(browser.script("return window.__noReload === true")).isEqualTo(true);
    }

    @Test
    void cleanupDryRunListsAnOrphanedSessionAndRunningItRemovesIt() throws Exception {
        orphanedSession("gone");
        browser.get("/");
        assertThat(browser.findAll("#session-gone .orphaned")).hasSize(1);
        browser.find("a[href='/cleanup']").click();
        assertThat(browser.findAll("#cleanup-actions tr[data-session='gone']")).hasSize(1);
        assertThat(sessions.exists("gone")).isTrue(); // a dry run changes nothing
        browser.screenshots("cleanup");

        browser.find("#cleanup-run").click();
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.text("#cleanup-report h2").equals("Done"));
        assertThat(sessions.exists("gone")).isFalse();
        browser.get("/");
        assertThat(browser.findAll("#session-gone")).isEmpty();
    }

    @Test
    void invalidConfigListsEachProblemBesideItsField() {
        browser.get("/config");
        browser.find("#config-text").sendKeys("{\"servers\": {\"pve1\": {\"host\": \"https://pve.example.lan:8006\","
                + " \"username\": \"mcp\", \"realm\": \"p\", \"token_name\": \"mcp\","
                + " \"token_env_var\": \"DASHBOARD_TEST_UNSET_VAR\", \"password\": \"hunter2\"}}}");
        browser.find("#config-validate").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text("#config-verdict").contains("invalid"));

        assertThat(browser.text("tr[data-path='servers.pve1.host']")).contains("host-has-scheme");
        assertThat(browser.text("tr[data-path='servers.pve1.realm']")).contains("realm-invalid");
        assertThat(browser.text("tr[data-path='servers.pve1.token_env_var']")).contains("DASHBOARD_TEST_UNSET_VAR");
        assertThat(browser.text("tr[data-path='servers.pve1.password']")).contains("secret-in-template");
        assertThat(browser.text("#config-report")).doesNotContain("hunter2");
        browser.screenshots("config");
    }

    @Test
    void screenshotsOfEveryPage() throws Exception {
        session("alpha");
        session("beta");
        orphanedSession("stale");
        supervisor.add("alpha", new ServerSpec("web", "python3 -m http.server {port} --bind 127.0.0.1", null,
                java.util.Map.of("API_TOKEN", "do-not-show-me"), null, null, null, null, null, null, null, "auto", null, null));
        supervisor.add("alpha", spec("ticker", TICKER));
        supervisor.add("beta", new ServerSpec("broken", "sh -c 'echo failing >&2; exit 3'", null, null, null, null, null,
                null, 0, null, null, null, null, null));
        supervisor.add("beta", spec("idle", "sleep 300"));
        supervisor.awaitSettled("alpha", "web", Duration.ofSeconds(20));
        supervisor.awaitSettled("beta", "broken", Duration.ofSeconds(20));
        supervisor.stop("beta", "idle");

        browser.get("/");
        await().atMost(Duration.ofSeconds(10)).until(() -> state("#server-alpha-web .state").equals("RUNNING"));
        browser.screenshots("overview");
        browser.get("/sessions/alpha");
        browser.screenshots("session");
        browser.get("/sessions/alpha/servers/web");
        assertThat(browser.text("#spec-env")).contains("API_TOKEN").doesNotContain("do-not-show-me");
        assertThat(browser.driver.getPageSource()).doesNotContain("do-not-show-me");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text("#log-status").equals("following"));
        browser.screenshots("server-web");
        browser.get("/cleanup");
        browser.screenshots("cleanup-preview");

        browser.size(420, 900);
        browser.get("/");
        browser.screenshots("overview-narrow");
        browser.get("/sessions/alpha/servers/ticker");
        browser.screenshots("server-narrow");
        browser.get("/sessions/alpha");
        browser.screenshots("session-narrow");
    }

    @Test
    void checkButtonShowsTheComplianceReportOfAnMcpServer() throws Exception {
        session("mcp");
        String fixture = Path.of(getClass().getResource("/mcp/fixture-server.py").toURI()).toString();
        supervisor.add("mcp", new ServerSpec("fixture", null, List.of("python3", fixture, "good"), null, null, null,
                null, null, null, null, null, null, Transport.STDIO, null));
        assertThat(supervisor.awaitSettled("mcp", "fixture", Duration.ofSeconds(30)).state()).isEqualTo(ServerState.RUNNING);
        browser.get("/sessions/mcp/servers/fixture");

        browser.find("#action-check").click();

        await().atMost(Duration.ofSeconds(60)).until(() -> browser.text("#probe").contains("passed"));
        assertThat(browser.text("#probe tr[data-check='initialize']")).contains("PASS");
        assertThat(browser.text("#toasts")).contains("Compliance check of fixture passed");
        browser.screenshots("server-mcp");
    }

    @Test
    void stopAllAndStartAllUpdateEveryRowWithoutReload() {
        session("group");
        for (String name : List.of("one", "two")) {
            supervisor.add("group", new ServerSpec(name, "sleep 300", null, null, null, null, null, 0.2, null, null,
                    null, null, null, null));
        }
        browser.get("/sessions/group");
        await().atMost(Duration.ofSeconds(20)).until(() -> state("#server-group-one .state").equals("RUNNING")
                && state("#server-group-two .state").equals("RUNNING"));
        browser.script("window.__noReload = true");

        browser.find("#stop-all").click();

        await().atMost(Duration.ofSeconds(20)).until(() -> state("#server-group-one .state").equals("STOPPED")
                && state("#server-group-two .state").equals("STOPPED"));
        assertThat(browser.text("#toasts")).contains("Stopped 2 servers");
        browser.screenshots("session-stopped-all");

        browser.find("#start-all").click();

        await().atMost(Duration.ofSeconds(20)).until(() -> state("#server-group-one .state").equals("RUNNING")
                && state("#server-group-two .state").equals("RUNNING"));
        assertThat(browser.script("return window.__noReload === true")).isEqualTo(true);
    }

    @Test
    void endSessionAsksForConfirmationThenLeavesForTheOverview() {
        session("ending");
        browser.get("/sessions/ending");
        browser.find("#end-session").click();
        Alert confirm = new WebDriverWait(browser.driver, Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent());
        assertThat(confirm.getText()).contains("ending");
        confirm.accept();
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.driver.getCurrentUrl().endsWith("/"));
        assertThat(sessions.exists("ending")).isFalse();
    }

    // ---- helpers

    private SessionView session(String name) {
        return sessions.create(new CreateSession(name, 0L, "browser test", null, null), 0);
    }

    private void orphanedSession(String name) throws Exception {
        owner = new ProcessBuilder("sleep", "300").start();
        sessions.create(new CreateSession(name, owner.pid(), "owner will die", null, null), 0);
        owner.destroyForcibly().waitFor();
    }

    private static ServerSpec spec(String name, String command) {
        return new ServerSpec(name, command, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private String state(String css) {
        return browser.text(css);
    }

    private int lastTick() {
        String log = browser.text("#log").strip();
        Matcher m = TICK.matcher(log);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /**
     * Records every state the row shows, however briefly, and marks the page: the mark survives
     * only if the page is never reloaded.
     */
    private void recordStates(String rowId) {
        browser.script("""
                window.__noReload = true;
                window.__states = [];
                const id = arguments[0];
                const note = () => {
                  const badge = document.querySelector('#' + id + ' .state');
                  const s = badge && badge.textContent.trim();
                  if (s && window.__states[window.__states.length - 1] !== s) window.__states.push(s);
                };
                new MutationObserver(note).observe(document.body, {subtree: true, childList: true, characterData: true});
                note();
                """, rowId);
    }

    @SuppressWarnings("unchecked")
    private List<String> recordedStates() {
        return (List<String>) browser.script("return window.__states");
    }
}
