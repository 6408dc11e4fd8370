package dev.mcpsessions.api;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.mcpsessions.cleanup.CleanupAction;
import dev.mcpsessions.cleanup.CleanupReport;
import dev.mcpsessions.cleanup.OrphanReaper;

@RestController
class CleanupController {

    private final OrphanReaper reaper;

    CleanupController(OrphanReaper reaper) {
        this.reaper = reaper;
    }

    @PostMapping(path = "/api/cleanup", produces = MediaType.APPLICATION_JSON_VALUE)
    CleanupReport cleanup(@RequestParam(defaultValue = "false") boolean dryRun) {
        return reaper.run(dryRun);
    }

    @PostMapping(path = "/api/cleanup", produces = MediaType.TEXT_PLAIN_VALUE)
    String cleanupAsText(@RequestParam(defaultValue = "false") boolean dryRun) {
        CleanupReport report = reaper.run(dryRun);
        if (report.actions().isEmpty()) {
            return "Nothing to clean up.\n";
        }
        StringBuilder out = new StringBuilder(dryRun ? "Would do:\n" : "Done:\n");
        for (CleanupAction action : report.actions()) {
            out.append("  ").append(action.describe()).append('\n');
        }
        return out.toString();
    }
}
