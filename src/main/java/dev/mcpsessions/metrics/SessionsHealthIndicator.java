package dev.mcpsessions.metrics;

import java.util.List;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import dev.mcpsessions.session.SessionRegistry;
import dev.mcpsessions.session.SessionView;

/** {@code sessions}: how many there are; orphans are the reaper's work, so they never make it DOWN. */
@Component
class SessionsHealthIndicator implements HealthIndicator {

    private final SessionRegistry sessions;

    SessionsHealthIndicator(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @Override
    public Health health() {
        List<SessionView> all = sessions.list();
        long orphaned = all.stream().filter(SessionView::orphaned).count();
        return Health.up().withDetail("active", all.size() - orphaned).withDetail("orphaned", orphaned).build();
    }
}
