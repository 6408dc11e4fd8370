package dev.mcpsessions.process;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a server is and how to supervise it, as the API takes it and {@code configs/<s>/<n>.json}
 * stores it. Options left out take the defaults of {@code mcp.supervision}. Times are seconds,
 * as in Supervisor's {@code startsecs} and {@code stopwaitsecs}.
 *
 * @param command one string, split like a POSIX shell splits words (never run by a shell)
 * @param argv the argument vector, instead of {@code command}
 * @param port {@code "auto"} or a number; handed to the server as env {@code PORT} and {@code {port}} in argv
 * @param config a config template to validate and copy per session
 */
public record ServerSpec(
        String name,
        @Nullable String command,
        @Nullable List<String> argv,
        @Nullable Map<String, String> env,
        @Nullable String cwd,
        @Nullable Autorestart autorestart,
        @Nullable List<Integer> exitCodes,
        @Nullable Double startSecs,
        @Nullable Integer startRetries,
        @Nullable Double stopWait,
        @Nullable String stopSignal,
        @Nullable String port,
        @Nullable Transport transport,
        @Nullable ConfigRef config) {

    /** @param file the template's path; @param server the entry of a Proxmox {@code servers} map */
    public record ConfigRef(String file, @Nullable String server) {}

    public Transport transportOrDefault() {
        return transport == null ? Transport.NONE : transport;
    }

    public Autorestart autorestartOrDefault() {
        return autorestart == null ? Autorestart.UNEXPECTED : autorestart;
    }

    public List<Integer> exitCodesOrDefault() {
        return exitCodes == null || exitCodes.isEmpty() ? List.of(0) : exitCodes;
    }

    public Map<String, String> envOrEmpty() {
        return env == null ? Map.of() : env;
    }
}
