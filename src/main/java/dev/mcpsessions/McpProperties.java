package dev.mcpsessions;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every setting of the manager, under the prefix {@code mcp}.
 *
 * @param home where pids, configs and logs live; resolved from {@code MCP_SESSIONS_HOME},
 *             then {@code mcp.home}, then {@code ${java.io.tmpdir}/mcp-sessions}
 * @param cleanup the orphan reaper
 * @param ports port leases handed to servers that ask for one
 * @param logs per-server log files
 * @param supervision defaults for a server spec that leaves an option out
 * @param protocol MCP readiness and health checks
 * @param proxmox online checks of Proxmox configurations
 * @param dashboard the browser dashboard
 */
@ConfigurationProperties("mcp")
public record McpProperties(
        Path home,
        @DefaultValue Cleanup cleanup,
        @DefaultValue Ports ports,
        @DefaultValue Logs logs,
        @DefaultValue Supervision supervision,
        @DefaultValue Protocol protocol,
        @DefaultValue Proxmox proxmox,
        @DefaultValue Dashboard dashboard) {

    /**
     * @param automatic reap orphaned sessions on their owner's exit and periodically; when false
     *                  only an explicit {@code cleanup} reaps
     * @param interval period of the safety-net sweep
     */
    public record Cleanup(@DefaultValue("true") boolean automatic, @DefaultValue("10s") Duration interval) {}

    /** @param range inclusive range that {@code "port": "auto"} picks from, e.g. {@code 20000-29999} */
    public record Ports(@DefaultValue("20000-29999") String range) {
        public int first() {
            return Integer.parseInt(range.substring(0, range.indexOf('-')).trim());
        }

        public int last() {
            return Integer.parseInt(range.substring(range.indexOf('-') + 1).trim());
        }
    }

    /**
     * @param maxSize a server log rotates when it reaches this size
     * @param maxFiles rotated files kept beside the active one
     */
    public record Logs(@DefaultValue("10MB") DataSize maxSize, @DefaultValue("5") int maxFiles) {}

    /**
     * @param startSecs time alive after which a plain server counts as RUNNING
     * @param startRetries failed starts in a row before FATAL
     * @param stopWait time between the stop signal and SIGKILL
     * @param backoff first retry delay after a failed start; doubles each retry
     * @param maxBackoff ceiling of the retry delay
     */
    public record Supervision(
            @DefaultValue("1s") Duration startSecs,
            @DefaultValue("3") int startRetries,
            @DefaultValue("5s") Duration stopWait,
            @DefaultValue("1s") Duration backoff,
            @DefaultValue("30s") Duration maxBackoff) {}

    /**
     * @param initializeTimeout how long a server may take to answer {@code initialize}
     * @param requestTimeout timeout of any other request of a check
     * @param pingInterval period of the health {@code ping} of a RUNNING stdio or http server
     * @param pingFailures failed pings in a row after which the server is restarted
     */
    public record Protocol(
            @DefaultValue("10s") Duration initializeTimeout,
            @DefaultValue("5s") Duration requestTimeout,
            @DefaultValue("30s") Duration pingInterval,
            @DefaultValue("3") int pingFailures) {}

    /** @param timeout connect and read timeout of each online check */
    public record Proxmox(@DefaultValue("5s") Duration timeout) {}

    /**
     * @param announce print the tokened dashboard URL to the terminal at start (the CLI turns it off)
     * @param openBrowser also open it in the desktop's browser, when there is a desktop
     */
    public record Dashboard(@DefaultValue("true") boolean announce, @DefaultValue("false") boolean openBrowser) {}
}
