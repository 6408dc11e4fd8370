package dev.mcpsessions.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.mcpsessions.mcp.ComplianceChecks;
import dev.mcpsessions.mcp.ComplianceReport;
import dev.mcpsessions.process.CommandLine;
import dev.mcpsessions.session.SessionRegistry;

/** MCP compliance reports; always 200 with the report, whatever its verdict. */
@RestController
class ChecksController {

    /** @param command split like a shell splits words; or @param argv */
    record CheckCommandRequest(@Nullable @Size(max = 8192) String command, @Nullable List<String> argv,
            @Nullable String cwd) {}

    private final ComplianceChecks checks;
    private final SessionRegistry sessions;

    ChecksController(ComplianceChecks checks, SessionRegistry sessions) {
        this.checks = checks;
        this.sessions = sessions;
    }

    @PostMapping("/api/sessions/{session}/servers/{server}/check")
    ComplianceReport checkServer(@PathVariable String session, @PathVariable String server) {
        return checks.checkServer(session, server);
    }

    /** {@code check -- <command>}: the command runs with the session's environment, else the manager's. */
    @PostMapping("/api/check")
    ComplianceReport checkCommand(@RequestBody CheckCommandRequest request,
            @RequestParam(required = false) @Nullable String session) {
        if ((request.command() == null) == (request.argv() == null)) {
            throw new IllegalArgumentException("give exactly one of 'command' (a string) and 'argv' (a list)");
        }
        List<String> argv = request.command() != null ? CommandLine.split(request.command()) : request.argv();
        if (argv.isEmpty() || argv.stream().anyMatch(a -> a == null || a.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("argv must be a non-empty list of strings");
        }
        Path cwd = request.cwd() == null ? null : Path.of(request.cwd());
        if (cwd != null && !Files.isDirectory(cwd)) {
            throw new IllegalArgumentException("cwd '" + cwd + "' is not a directory");
        }
        Map<String, String> env = session == null ? System.getenv() : sessions.environment(session);
        return checks.checkCommand(argv, env, cwd);
    }
}
