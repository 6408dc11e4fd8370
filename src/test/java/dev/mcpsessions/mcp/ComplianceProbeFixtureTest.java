package dev.mcpsessions.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.mcpsessions.mcp.ComplianceReport.Check;
import dev.mcpsessions.mcp.ComplianceReport.Status;

/** Each fixture breaks one rule; the probe must fail exactly that check, with evidence, in time. */
class ComplianceProbeFixtureTest {

    // generous: python starts slowly on a loaded machine, and a broken fixture costs one timeout
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(3);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
    private final ComplianceProbe probe = new ComplianceProbe(TIMEOUT, TIMEOUT, SHUTDOWN_WAIT);

    @Test
    void wellBehavedServerPassesEveryCheck() {
        ComplianceReport report = probeFixture("good");

        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.checks()).extracting(Check::name).containsExactlyElementsOf(ComplianceReport.CHECK_NAMES);
        assertThat(report.checks()).allSatisfy(check -> assertThat(check.status()).as(check.toString()).isEqualTo(Status.PASS));
        assertThat(report.check("tools-list").detail()).contains("2 tools in 2 pages", "echo", "add");
    }

    static Stream<Arguments> brokenFixtures() {
        return Stream.of(
                Arguments.of("banner", "stdout-clean", "Fixture MCP server v1.0 ready on stdio"),
                Arguments.of("silent", "initialize", "fixture server (silent) starting"),
                Arguments.of("wrong-id", "initialize", "\"id\": 1001"),
                Arguments.of("crash-on-initialize", "initialize", "RuntimeError: fixture crashes on initialize"),
                Arguments.of("ignore-eof", "shutdown", "fixture server (ignore-eof) starting"),
                Arguments.of("echo-version", "version-negotiation", "1999-01-01"),
                Arguments.of("bad-schema", "tool-schemas", "\"inputSchema\":\"string\""),
                Arguments.of("wrong-error-code", "unknown-method", "-32600"),
                Arguments.of("orphan-child", "shutdown", "sleep 300"));
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @MethodSource("brokenFixtures")
    void brokenFixtureFailsExactlyTheCheckItBreaks(String mode, String check, String evidence) {
        long started = System.nanoTime();
        ComplianceReport report = probeFixture(mode);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(report.passed()).isFalse();
        List<Check> failed = report.checks().stream().filter(c -> c.status() == Status.FAIL).toList();
        assertThat(failed).as(report.toString()).extracting(Check::name).containsExactly(check);
        assertThat(failed.get(0).evidence()).as(failed.get(0).detail()).contains(evidence);
        // the probe's promise: its timeout, plus the three shutdown waits
        assertThat(took).isLessThan(PROBE_TIMEOUT.plus(SHUTDOWN_WAIT.multipliedBy(3)).plusSeconds(2));
    }

    @Test
    void serverThatNeverAnswersTimesOutOnInitialize() {
        ComplianceReport report = probeFixture("silent");

        assertThat(report.check("initialize").detail()).isEqualTo("no response to initialize within " + TIMEOUT.toMillis() + " ms");
        assertThat(report.check("ping").status()).isEqualTo(Status.SKIP);
        assertThat(report.check("shutdown").status()).isEqualTo(Status.PASS);
    }

    @Test
    void serverIgnoringSigtermIsKilledAndSaysSo() {
        ComplianceReport report = probeFixture("ignore-term");

        assertThat(report.check("shutdown").status()).isEqualTo(Status.FAIL);
        assertThat(report.check("shutdown").detail()).contains("SIGKILL");
    }

    @Test
    void missingCommandIsReportedNotThrown() {
        ComplianceReport report = probe.probeCommand(List.of("/nonexistent/mcp-server"), Map.of(), null, TIMEOUT);

        assertThat(report.passed()).isFalse();
        assertThat(report.check("initialize").detail()).contains("cannot start /nonexistent/mcp-server");
    }

    private ComplianceReport probeFixture(String mode) {
        return probe.probeCommand(Fixtures.command(mode), Map.of(), null, PROBE_TIMEOUT);
    }
}
