package dev.mcpsessions.process;

import java.util.Map;

/**
 * Turns a spec's {@code config} reference into a per-session copy before a start (implemented by
 * the config package). Throws when the config is invalid, so that nothing is spawned.
 */
public interface ConfigPreparer {

    /** Validates the config and writes the session's copy; returns env vars to add (e.g. its path). */
    Map<String, String> prepare(String session, String server, ServerSpec.ConfigRef ref, Map<String, String> env);

    /** Removes the server's copies. */
    void discard(String session, String server);
}
