package dev.mcpsessions.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.mcpsessions.process.Autorestart;
import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.process.ServerSpec;
import dev.mcpsessions.process.ServerView;
import dev.mcpsessions.process.Transport;

/**
 * Wrapper mode (DESIGN section 6): an MCP client launches {@code run}, which registers itself here
 * and then execs the server; and the {@code .mcp.json} entries that tell a client to do so.
 */
@RestController
@RequestMapping("/api/sessions/{session}")
class WrapperController {

    record AttachRequest(@Positive long pid, @NotEmpty List<String> argv, @Nullable String cwd,
            ServerSpec.@Nullable ConfigRef config) {}

    private final ProcessSupervisor supervisor;

    WrapperController(ProcessSupervisor supervisor) {
        this.supervisor = supervisor;
    }

    /** Answers the {@code export} lines the wrapper evaluates before it execs the server. */
    @PostMapping(path = "/servers/{server}/attach", produces = MediaType.TEXT_PLAIN_VALUE)
    String attach(@PathVariable String session, @PathVariable String server,
            @jakarta.validation.Valid @RequestBody AttachRequest request) {
        ServerSpec spec = new ServerSpec(server, null, request.argv(), null, request.cwd(), Autorestart.NEVER, null,
                null, null, null, null, null, Transport.STDIO, request.config());
        Map<String, String> env = supervisor.attach(session, spec, request.pid());
        StringBuilder out = new StringBuilder();
        env.forEach((k, v) -> out.append("export ").append(k).append('=').append(shellQuote(v)).append('\n'));
        out.append("MCP_SERVER_LOG=").append(shellQuote(supervisor.get(session, server).logFile())).append('\n');
        return out.toString();
    }

    /** {@code .mcp.json} entries: stdio servers through {@code run}, http servers by URL. */
    @GetMapping(path = "/mcp-json", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> mcpJson(@PathVariable String session, @RequestParam String cli) {
        Map<String, Object> servers = new LinkedHashMap<>();
        for (ServerView view : supervisor.list(session)) {
            ServerSpec spec = view.spec();
            if (view.transport() == Transport.HTTP && view.port() != null) {
                servers.put(view.name(), Map.of("type", "http", "url", "http://127.0.0.1:" + view.port() + "/mcp"));
            } else if (view.transport() == Transport.STDIO) {
                List<String> args = new ArrayList<>(List.of("--session", session, "run", view.name()));
                if (spec.config() != null) {
                    args.addAll(List.of("--config", spec.config().file()));
                    if (spec.config().server() != null) {
                        args.addAll(List.of("--config-server", spec.config().server()));
                    }
                }
                args.add("--");
                args.addAll(spec.argv() != null ? spec.argv() : dev.mcpsessions.process.CommandLine.split(spec.command()));
                servers.put(view.name(), Map.of("command", cli, "args", args));
            }
        }
        return Map.of("mcpServers", servers);
    }

    static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
