package dev.mcpsessions.metrics;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.mcpsessions.McpProperties;
import dev.mcpsessions.cleanup.ReaperRun;

/**
 * {@code reaper}: its last run and its last error. A failed last run makes the manager DEGRADED:
 * orphans may pile up, but nothing that runs is affected. Before the first run it is UP.
 */
@Component
class ReaperHealthIndicator implements HealthIndicator {

    private final boolean automatic;
    private volatile @Nullable ReaperRun lastRun;
    private volatile @Nullable ReaperRun lastFailure;

    ReaperHealthIndicator(McpProperties properties) {
        this.automatic = properties.cleanup().automatic();
    }

    @EventListener
    void onReaperRun(ReaperRun run) {
        lastRun = run;
        if (run.error() != null) {
            lastFailure = run;
        }
    }

    @Override
    public Health health() {
        ReaperRun last = lastRun;
        ReaperRun failure = lastFailure;
        Health.Builder health = last != null && last.error() != null ? Health.status(ManagerStatus.DEGRADED)
                : Health.up();
        health.withDetail("automatic", automatic).withDetail("lastRun", last == null ? "never" : last.at().toString());
        if (last != null) {
            health.withDetail("lastActions", last.actions());
        }
        if (failure != null) {
            health.withDetail("lastError", failure.error()).withDetail("lastErrorAt", failure.at().toString());
        }
        return health.build();
    }
}
