package dev.mcpsessions.cleanup;

import org.jspecify.annotations.Nullable;

/** One thing a cleanup stops or removes, and why. */
public record CleanupAction(String kind, String session, @Nullable String server, @Nullable Long pid, String reason) {

    /** The owner of the session is gone: its servers stop and its three directories go. */
    public static final String END_SESSION = "end-session";
    /** A server of a session that ends (done by {@link #END_SESSION}; listed so the report shows the pids). */
    public static final String STOP_SERVER = "stop-server";
    /** A process with this home's markers whose instance no server accounts for: TERM, then KILL. */
    public static final String KILL_ORPHAN_PROCESS = "kill-orphan-process";
    /** A pid file whose process is gone, is an orphan, or whose pid now names another process. */
    public static final String REMOVE_STALE_PID_FILE = "remove-stale-pid-file";
    /** A file that cannot be parsed: moved aside as {@code <name>.corrupt-<millis>}, never deleted. */
    public static final String MOVE_CORRUPT_FILE_ASIDE = "move-corrupt-file-aside";
    /** A port lease held for a server that no longer exists. */
    public static final String RELEASE_STALE_LEASE = "release-stale-lease";
    /** A per-session config copy of a server that no longer exists. */
    public static final String REMOVE_STALE_CONFIG = "remove-stale-config";
    /** An empty directory of a session that no longer exists. */
    public static final String REMOVE_EMPTY_DIR = "remove-empty-dir";
    /** A directory left over from a session that no longer exists (e.g. an end cut short by a crash). */
    public static final String REMOVE_SESSION_DEBRIS = "remove-session-debris";

    public String describe() {
        return kind + " session=" + session + (server == null ? "" : " server=" + server)
                + (pid == null ? "" : " pid=" + pid) + " (" + reason + ")";
    }
}
