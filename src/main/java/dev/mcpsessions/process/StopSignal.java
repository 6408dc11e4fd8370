package dev.mcpsessions.process;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The signals a server spec may name as {@code stopSignal} (Supervisor's {@code stopsignal}). */
public enum StopSignal {
    TERM, INT, HUP, QUIT, KILL, USR1, USR2;

    /** Accepts {@code TERM}, {@code term} and {@code SIGTERM}; anything else is refused with the choices. */
    public static StopSignal parse(String name) {
        String bare = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        if (bare.startsWith("SIG")) {
            bare = bare.substring(3);
        }
        for (StopSignal signal : values()) {
            if (signal.name().equals(bare)) {
                return signal;
            }
        }
        throw new IllegalArgumentException("Unknown stop signal '" + name + "': use one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
