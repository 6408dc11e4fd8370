package dev.mcpsessions.cleanup;

import java.util.List;

/** What a cleanup did, or with {@code dryRun} would do. */
public record CleanupReport(boolean dryRun, List<CleanupAction> actions) {
}
