package dev.mcpsessions.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.mcpsessions.process.MarkedProcesses;
import dev.mcpsessions.process.MarkedProcesses.MarkedProcess;
import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.process.ServerSpec;
import dev.mcpsessions.process.ServerState;
import dev.mcpsessions.process.ServerView;
import dev.mcpsessions.process.Transport;
import dev.mcpsessions.session.CreateSession;
import dev.mcpsessions.session.SessionRegistry;

/** Sessions and real servers for the reaper's full-app tests. */
final class ReaperFixture {

    /** Leaves a daemon behind: its parent exits at once, so it is re-parented to init. */
    static final String DOUBLE_FORK = "sh -c \"setsid sh -c 'sleep 600 &'; sleep 600\"";
    static final String WEB = "python3 -m http.server {port} --bind 127.0.0.1";

    private final SessionRegistry sessions;
    private final ProcessSupervisor supervisor;
    private final Path home;

    ReaperFixture(SessionRegistry sessions, ProcessSupervisor supervisor, Path home) {
        this.sessions = sessions;
        this.supervisor = supervisor;
        this.home = home;
    }

    String session(String name, long ownerPid) {
        return sessions.create(new CreateSession(name, ownerPid, null, null, Map.of()), 0).id();
    }

    ServerView start(String session, String name, String command, boolean autoPort) throws InterruptedException {
        supervisor.add(session, new ServerSpec(name, command, null, null, null, null, null, 0.3, null, null, null,
                autoPort ? "auto" : null, Transport.NONE, null));
        ServerView view = supervisor.awaitSettled(session, name, Duration.ofSeconds(30));
        assertThat(view.state()).as(view.lastError()).isEqualTo(ServerState.RUNNING);
        return view;
    }

    /** The live processes of the session's server starts (marked with this home and an instance). */
    List<MarkedProcess> processesOf(String session) {
        return MarkedProcesses.scan(home).stream()
                .filter(m -> m.session().equals(session) && !m.instanceId().isBlank()).toList();
    }

    /** An owner that is a shell with no child of its own, so killing it leaves nothing of the test behind. */
    static Process ownerShell() throws IOException {
        return new ProcessBuilder("sh", "-c", "read line").redirectErrorStream(true).start();
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
