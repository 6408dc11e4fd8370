package dev.mcpsessions.home;

import java.nio.file.Files;
import java.io.IOException;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Writes {@code manager.json} once the port is bound and removes it on a clean shutdown. */
@Component
class ManagerInfoFile {

    private static final Logger log = LoggerFactory.getLogger(ManagerInfoFile.class);

    private final ManagerHome home;
    private final JsonFiles json;
    private final String version;

    ManagerInfoFile(ManagerHome home, JsonFiles json, ManagerLock lock, Optional<BuildProperties> build) {
        this.home = home;
        this.json = json;
        this.version = build.map(BuildProperties::getVersion).orElse("dev");
    }

    @EventListener
    void onWebServerReady(WebServerInitializedEvent event) {
        ProcessHandle self = ProcessHandle.current();
        String url = "http://127.0.0.1:" + event.getWebServer().getPort();
        json.write(home.managerJson(), new ManagerInfo(self.pid(),
                self.info().startInstant().orElseThrow(), url, version));
        log.info("MCP Session Manager {} listening on {} (home {})", version, url, home);
    }

    @EventListener
    void onShutdown(ContextClosedEvent event) {
        try {
            Files.deleteIfExists(home.managerJson());
        } catch (IOException e) {
            log.warn("Could not remove {}: {}", home.managerJson(), e.getMessage());
        }
    }
}
