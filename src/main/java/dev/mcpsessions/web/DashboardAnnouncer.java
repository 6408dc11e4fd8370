package dev.mcpsessions.web;

import java.io.IOException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.mcpsessions.McpProperties;
import dev.mcpsessions.security.ApiToken;

/**
 * Tells the person who started the manager in a terminal where the dashboard is. The tokened URL
 * goes to the terminal only, never to the log file.
 */
@Component
class DashboardAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(DashboardAnnouncer.class);

    private final McpProperties properties;
    private final ApiToken token;

    DashboardAnnouncer(McpProperties properties, ApiToken token) {
        this.properties = properties;
        this.token = token;
    }

    @EventListener
    void onReady(WebServerInitializedEvent event) {
        if (!properties.dashboard().announce()) {
            return;
        }
        String base = "http://127.0.0.1:" + event.getWebServer().getPort();
        String url = base + "/login?token=" + token.reveal();
        System.out.println();
        System.out.println("  MCP Session Manager dashboard: " + url);
        System.out.println("  (or run: bin/mcp-session-manager.sh dashboard)");
        System.out.println();
        if (properties.dashboard().openBrowser() && hasDesktop()) {
            try {
                new ProcessBuilder(List.of("xdg-open", url)).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                log.info("Could not open a browser ({}); open {}/ yourself", e.getMessage(), base);
            }
        }
    }

    private static boolean hasDesktop() {
        return System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
    }
}
