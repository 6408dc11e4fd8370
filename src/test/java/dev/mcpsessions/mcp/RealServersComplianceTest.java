package dev.mcpsessions.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mcpsessions.mcp.ComplianceReport.Status;

/** The reference servers from npm must pass every check: they are what "compliant" means in practice. */
class RealServersComplianceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final ComplianceProbe probe = new ComplianceProbe(Duration.ofSeconds(15), Duration.ofSeconds(10),
            Duration.ofSeconds(3));
    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path allowed;

    @AfterEach
    void killServers() {
        started.forEach(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
    }

    @Test
    void filesystemServerPassesEveryCheck() throws Exception {
        Files.writeString(allowed.resolve("hello.txt"), "hello");
        List<String> argv = new ArrayList<>(NpmServers.require(NpmServers.FILESYSTEM));
        argv.add(allowed.toString());

        ComplianceReport report = probe.probeCommand(argv, Map.of(), allowed, TIMEOUT);

        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.checks()).as(report.toString())
                .allSatisfy(check -> assertThat(check.status()).isIn(Status.PASS, Status.SKIP));
        assertThat(report.check("shutdown").detail()).contains("after stdin closed");
        assertThat(report.check("tools-list").detail()).contains("read_text_file", "list_directory");
        // it declares only tools, so the other lists are skipped rather than failed
        assertThat(report.check("resources-list").status()).isEqualTo(Status.SKIP);
    }

    @Test
    void everythingServerPassesEveryCheck() {
        List<String> argv = NpmServers.require(NpmServers.EVERYTHING);

        ComplianceReport report = probe.probeCommand(argv, Map.of(), null, TIMEOUT);

        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.checks()).as(report.toString())
                .allSatisfy(check -> assertThat(check.status()).isEqualTo(Status.PASS));
        assertThat(report.check("tools-list").detail()).contains("echo");
    }

    @Test
    void supervisedEverythingServerPassesOverTheManagersPipes() throws Exception {
        Process server = new ProcessBuilder(NpmServers.require(NpmServers.EVERYTHING)).start();
        started.add(server);
        McpStdioSession session = new McpStdioSession(server.getOutputStream(), server.getInputStream());

        InitializeResult ready = session.initialize(Duration.ofSeconds(15));
        ComplianceReport report = probe.probe(session, TIMEOUT);

        assertThat(ready.declares("tools")).isTrue();
        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.check("initialize").detail()).startsWith("answered at start");
        assertThat(report.check("shutdown").status()).isEqualTo(Status.SKIP);
        assertThat(server.isAlive()).as("the probe leaves a supervised server running").isTrue();
        session.close();
    }
}
