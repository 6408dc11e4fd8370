package dev.mcpsessions.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import dev.mcpsessions.process.ServerState;

/**
 * {@code servers}: counts by state, and each FATAL server with the reason it gave up. A FATAL
 * server makes the manager DEGRADED, not DOWN: every other server and session still works.
 */
@Component
class ServersHealthIndicator implements HealthIndicator {

    private final ServerStates states;

    ServersHealthIndicator(ServerStates states) {
        this.states = states;
    }

    @Override
    public Health health() {
        Map<String, Long> counts = new LinkedHashMap<>();
        states.counts().forEach((state, n) -> counts.put(state.name(), n));
        List<Map<String, Object>> fatal = states.inState(ServerState.FATAL).stream()
                .map(c -> Map.<String, Object>of("session", c.session(), "server", c.server(), "reason", c.reason(),
                        "since", c.since().toString()))
                .toList();
        Health.Builder health = fatal.isEmpty() ? Health.up() : Health.status(ManagerStatus.DEGRADED);
        health.withDetail("counts", counts);
        if (!fatal.isEmpty()) {
            health.withDetail("fatal", fatal);
        }
        return health.build();
    }
}
