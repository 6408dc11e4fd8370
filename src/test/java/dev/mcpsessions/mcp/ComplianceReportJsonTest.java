package dev.mcpsessions.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mcpsessions.mcp.ComplianceReport.Check;
import dev.mcpsessions.mcp.ComplianceReport.Status;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ComplianceReportJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void serialisesAsPassedAndChecks() {
        ComplianceReport report = ComplianceReport.of(List.of(
                Check.fail("stdout-clean", "1 of 3 stdout lines are not JSON-RPC messages", "Server ready"),
                Check.pass("initialize", "protocol 2025-11-25, server demo 1.0")));

        JsonNode node = json.readTree(json.writeValueAsString(report));

        assertThat(node.path("passed").asBoolean()).isFalse();
        assertThat(node.propertyNames()).containsExactlyInAnyOrder("passed", "checks");
        JsonNode first = node.path("checks").get(0);
        assertThat(first.propertyNames()).containsExactly("name", "status", "detail", "evidence");
        assertThat(first.path("name").asString()).isEqualTo("stdout-clean");
        assertThat(first.path("status").asString()).isEqualTo("FAIL");
        assertThat(first.path("evidence").asString()).isEqualTo("Server ready");
    }

    @Test
    void ordersChecksAndPassesWithWarningsAndSkips() {
        ComplianceReport report = ComplianceReport.of(List.of(
                Check.skip("shutdown", "not run"), Check.warn("ping", "result should be empty", "{\"x\":1}"),
                Check.pass("initialize", "ok")));

        assertThat(report.passed()).isTrue();
        assertThat(report.checks()).extracting(Check::name).containsExactly("initialize", "ping", "shutdown");
        assertThat(report.checks()).extracting(Check::status).containsExactly(Status.PASS, Status.WARN, Status.SKIP);
    }

    @Test
    void evidenceIsBoundedAndPrintable() {
        Check check = Check.fail("stdout-clean", "garbage", "\u001b[31m" + "x".repeat(10_000));

        assertThat(check.evidence()).startsWith("\\u001b[31m").contains("more characters)");
        assertThat(check.evidence().length()).isLessThan(Evidence.MAX_CHARS + 40);
    }
}
