package dev.mcpsessions.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.mcpsessions.process.ServerSpec;
import dev.mcpsessions.process.ServerState;
import dev.mcpsessions.process.ServerView;
import dev.mcpsessions.process.StateTransition;
import dev.mcpsessions.process.Transport;
import dev.mcpsessions.session.SessionView;

/** Sessions and servers as the services would return them. */
final class Fixtures {

    private Fixtures() {
    }

    static SessionView session(String id, boolean orphaned) {
        return new SessionView(id, "label of " + id, "/work/" + id, DashboardSlice.NOW.minusSeconds(125),
                orphaned ? 4242 : 0, null, orphaned);
    }

    static ServerView server(String session, String name, ServerState state) {
        return server(session, name, state, Map.of(), List.of(), null);
    }

    static ServerView server(String session, String name, ServerState state, Map<String, String> env,
            List<StateTransition> history, @Nullable Object probe) {
        boolean live = state.isActive();
        ServerSpec spec = new ServerSpec(name, "sleep 300", null, env, null, null, null, null, null, null, null,
                "auto", null, null);
        return new ServerView(session, name, state, live ? 1234L : null, live ? 20001 : null, 2, null,
                state == ServerState.FATAL ? "exited with code 3 during start" : null,
                live ? Instant.parse("2026-05-01T11:55:00Z") : null, live ? 300 : 0, 1.5, 12L * 1024 * 1024,
                "/tmp/home/logs/" + session + "/" + name + ".log", Transport.NONE, spec, history, probe);
    }
}
