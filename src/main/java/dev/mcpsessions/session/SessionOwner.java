package dev.mcpsessions.session;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.mcpsessions.process.ProcessIdentity;

/** Contents of {@code pids/<session>/owner.json}; pid 0 means no owner (only {@code end} removes it). */
@JsonIgnoreProperties({"none", "gone"}) // derived, not stored: the file holds exactly pid and startTime
public record SessionOwner(long pid, @Nullable Instant startTime) {

    public static final SessionOwner NONE = new SessionOwner(0, null);

    public static SessionOwner of(ProcessIdentity identity) {
        return new SessionOwner(identity.pid(), identity.startTime());
    }

    public boolean isNone() {
        return pid == 0;
    }

    /** Gone = pid dead, a zombie, or alive with another start time (the pid was reused). */
    public boolean isGone() {
        return !isNone() && (startTime == null || !new ProcessIdentity(pid, startTime).isAlive());
    }
}
