package dev.mcpsessions.cleanup;

import org.jspecify.annotations.Nullable;

/** One thing a cleanup stops or removes, and why. */
public record CleanupAction(String kind, String session, @Nullable String server, @Nullable Long pid, String reason) {

    public String describe() {
        return kind + " session=" + session + (server == null ? "" : " server=" + server)
                + (pid == null ? "" : " pid=" + pid) + " (" + reason + ")";
    }
}
