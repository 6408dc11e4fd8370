package dev.mcpsessions.session;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A session as the API and dashboard show it. */
public record SessionView(String id, @Nullable String label, @Nullable String cwd, Instant createdAt,
        long ownerPid, @Nullable Instant ownerStartTime, boolean orphaned) {

    static SessionView of(Session session, SessionOwner owner) {
        return new SessionView(session.id(), session.label(), session.cwd(), session.createdAt(), owner.pid(),
                owner.startTime(), owner.isGone());
    }
}
