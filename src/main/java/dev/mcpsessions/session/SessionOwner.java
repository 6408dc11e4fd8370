package dev.mcpsessions.session;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.mcpsessions.process.ProcessIdentity;

/** Contents of {@code pids/<session>/owner.json}; pid 0 means no owner (only {@code end} removes it). */
public record SessionOwner(long pid, @Nullable Instant startTime) {

    public static final SessionOwner NONE = new SessionOwner(0, null);

    public static SessionOwner of(ProcessIdentity identity) {
        return new SessionOwner(identity.pid(), identity.startTime());
    }

    @JsonIgnore // derived: written out, it would make the file unreadable on the next start
    public boolean isNone() {
        return pid == 0;
    }

    /** Gone = pid dead, a zombie, or alive with another start time (the pid was reused). */
    @JsonIgnore
    public boolean isGone() {
        return !isNone() && (startTime == null || !new ProcessIdentity(pid, startTime).isAlive());
    }
}
