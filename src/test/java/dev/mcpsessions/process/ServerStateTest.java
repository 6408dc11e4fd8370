package dev.mcpsessions.process;

import static dev.mcpsessions.process.ServerState.ATTACHED;
import static dev.mcpsessions.process.ServerState.BACKOFF;
import static dev.mcpsessions.process.ServerState.EXITED;
import static dev.mcpsessions.process.ServerState.FATAL;
import static dev.mcpsessions.process.ServerState.RUNNING;
import static dev.mcpsessions.process.ServerState.STARTING;
import static dev.mcpsessions.process.ServerState.STOPPED;
import static dev.mcpsessions.process.ServerState.STOPPING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Instant;
import java.util.EnumSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The transition table (Supervisor's, plus ATTACHED): every change is checked against its allowed sources. */
class ServerStateTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest
    @EnumSource(ServerState.class)
    void everyTransitionIntoAStateChecksItsSourceState(ServerState to) {
        for (ServerState from : ServerState.values()) {
            SupervisedServer server = new SupervisedServer("s1", spec());
            server.state = from;
            if (to.allowedSources().contains(from)) {
                ServerStateChanged event = server.transition(to, "test", NOW);

                assertThat(server.state).isEqualTo(to);
                assertThat(event).isEqualTo(new ServerStateChanged("s1", "srv", from, to, null, "test", NOW));
                assertThat(server.history()).singleElement()
                        .isEqualTo(new StateTransition(NOW, from, to, null, "test"));
            } else {
                assertThatIllegalStateException().as("%s -> %s", from, to)
                        .isThrownBy(() -> server.transition(to, "test", NOW))
                        .withMessage("Server s1/srv: no transition " + from + " -> " + to);
                assertThat(server.state).isEqualTo(from);
                assertThat(server.history()).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ServerState.class)
    void theAllowedSourcesOfEachState(ServerState to) {
        EnumSet<ServerState> expected = switch (to) {
            // a start from rest or after a failure; never while a process may be alive
            case STARTING -> EnumSet.of(STOPPED, BACKOFF, EXITED, FATAL);
            // only a start that lasted startSecs (or answered initialize) runs
            case RUNNING -> EnumSet.of(STARTING);
            // a failed start; a spawn that fails passes through STARTING, as in Supervisor
            case BACKOFF -> EnumSet.of(STARTING, RUNNING);
            case STOPPING -> EnumSet.of(STARTING, RUNNING, BACKOFF, ATTACHED);
            // an exit after RUNNING; an exit before it is a failed start (BACKOFF or FATAL)
            case EXITED -> EnumSet.of(RUNNING, ATTACHED);
            // the last retry failed (Supervisor goes BACKOFF -> FATAL; here the last failed start does)
            case FATAL -> EnumSet.of(STARTING, BACKOFF);
            case STOPPED -> EnumSet.of(STOPPING, STOPPED, EXITED, FATAL, BACKOFF);
            case ATTACHED -> EnumSet.of(STOPPED, EXITED, FATAL);
        };
        assertThat(to.allowedSources()).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(ServerState.class)
    void settledAndActiveStatesAreWhatAWaitingStartAndTheViewsRelyOn(ServerState state) {
        assertThat(state.isSettled()).isEqualTo(EnumSet.of(RUNNING, FATAL, STOPPED, EXITED, ATTACHED).contains(state));
        assertThat(state.isActive()).isEqualTo(EnumSet.of(STARTING, RUNNING, STOPPING, ATTACHED).contains(state));
    }

    private static ServerSpec spec() {
        return new ServerSpec("srv", "sleep 1", null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
