package dev.mcpsessions.config;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.mcpsessions.process.ConfigPreparer;
import dev.mcpsessions.process.ServerSpec;

/** Plugs per-session config copies into the supervisor's start: validated first, then written 0600. */
@Component
class SessionConfigPreparer implements ConfigPreparer {

    private final SessionConfigCopies copies;

    SessionConfigPreparer(SessionConfigCopies copies) {
        this.copies = copies;
    }

    @Override
    public Map<String, String> prepare(String session, String server, ServerSpec.ConfigRef ref, Map<String, String> env) {
        return copies.prepare(ConfigRef.of(ref.file(), ref.server()), session, server, env).extraEnv();
    }

    @Override
    public void discard(String session, String server) {
        copies.discard(session, server);
    }
}
