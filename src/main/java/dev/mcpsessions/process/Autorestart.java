package dev.mcpsessions.process;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Supervisor's {@code autorestart}: when a server that was RUNNING and exited is started again. */
public enum Autorestart {
    NEVER, UNEXPECTED, ALWAYS;

    public boolean restarts(int exitCode, List<Integer> expectedExitCodes) {
        return switch (this) {
            case NEVER -> false;
            case ALWAYS -> true;
            case UNEXPECTED -> !expectedExitCodes.contains(exitCode);
        };
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Autorestart of(String value) {
        for (Autorestart a : values()) {
            if (a.id().equals(value)) {
                return a;
            }
        }
        throw new IllegalArgumentException("autorestart must be one of never, unexpected, always; got '" + value + "'");
    }
}
