package dev.mcpsessions.metrics;

import org.springframework.boot.health.contributor.Status;

/**
 * Health statuses beyond Boot's own. DEGRADED ranks between DOWN and UP and answers HTTP 200
 * ({@code management.endpoint.health.status.*} in application.properties): the manager still
 * serves every session, but something in it needs a person's attention.
 */
final class ManagerStatus {

    static final Status DEGRADED = new Status("DEGRADED", "working, but something needs attention");

    private ManagerStatus() {
    }
}
