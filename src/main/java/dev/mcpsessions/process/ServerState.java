package dev.mcpsessions.process;

import java.util.EnumSet;
import java.util.Set;

/** Supervisor's process states, plus ATTACHED for a process the manager tracks but did not start. */
public enum ServerState {
    STOPPED, STARTING, RUNNING, BACKOFF, STOPPING, EXITED, FATAL, ATTACHED;

    /** The states a transition into this one may come from (Supervisor's table). */
    Set<ServerState> allowedSources() {
        return switch (this) {
            case STARTING -> EnumSet.of(STOPPED, BACKOFF, EXITED, FATAL);
            case RUNNING -> EnumSet.of(STARTING);
            case BACKOFF -> EnumSet.of(STARTING, RUNNING);
            case STOPPING -> EnumSet.of(STARTING, RUNNING, BACKOFF, ATTACHED);
            case EXITED -> EnumSet.of(RUNNING, ATTACHED);
            case FATAL -> EnumSet.of(STARTING, BACKOFF);
            case STOPPED -> EnumSet.of(STOPPING, STOPPED, EXITED, FATAL, BACKOFF);
            case ATTACHED -> EnumSet.of(STOPPED, EXITED, FATAL);
        };
    }

    /** A process of this server may be alive. */
    public boolean isActive() {
        return this == STARTING || this == RUNNING || this == STOPPING || this == ATTACHED;
    }

    public boolean isSettled() {
        return this == RUNNING || this == FATAL || this == STOPPED || this == EXITED || this == ATTACHED;
    }
}
