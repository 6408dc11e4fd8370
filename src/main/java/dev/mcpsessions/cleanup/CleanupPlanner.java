package dev.mcpsessions.cleanup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.mcpsessions.home.ManagerHome;
import dev.mcpsessions.home.Names;
import dev.mcpsessions.ports.PortLease;
import dev.mcpsessions.ports.PortLeases;
import dev.mcpsessions.process.MarkedProcesses;
import dev.mcpsessions.process.MarkedProcesses.MarkedProcess;
import dev.mcpsessions.process.PidRecord;
import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.process.ServerView;
import dev.mcpsessions.session.SessionRegistry;
import dev.mcpsessions.session.SessionView;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Works out what a cleanup does, without changing anything: a dry run shows this plan and a real
 * run carries it out. Processes are judged by this home's markers and their instance id only,
 * never by {@code MCP_SESSION_ID} (the user's shell carries that too).
 */
@Component
class CleanupPlanner {

    private static final Logger log = LoggerFactory.getLogger(CleanupPlanner.class);

    private final SessionRegistry sessions;
    private final ProcessSupervisor supervisor;
    private final PortLeases ports;
    private final ManagerHome home;
    private final JsonMapper mapper;
    private final HomeDebris debris;

    CleanupPlanner(SessionRegistry sessions, ProcessSupervisor supervisor, PortLeases ports, ManagerHome home,
            JsonMapper mapper, HomeDebris debris) {
        this.sessions = sessions;
        this.supervisor = supervisor;
        this.ports = ports;
        this.home = home;
        this.mapper = mapper;
        this.debris = debris;
    }

    private record PidFile(String session, String server, Path file, PidRecord record) {}

    List<Step> plan() {
        List<Step> steps = new ArrayList<>();
        Set<String> ending = new HashSet<>();
        List<String> live = new ArrayList<>();
        for (SessionView session : sessions.list()) {
            if (session.orphaned()) {
                ending.add(session.id());
                endSession(session, steps);
            } else {
                live.add(session.id());
            }
        }
        // Order matters: pid files, then the scan, then the supervisor. Whatever a file or the scan
        // shows was started before the supervisor is asked, so it is counted if it is a server's.
        List<PidFile> pidFiles = new ArrayList<>();
        live.forEach(session -> readPidFiles(session, pidFiles, steps));
        List<MarkedProcess> marked = MarkedProcesses.scan(home.root());
        Set<String> accounted = supervisor.accountedInstances();
        for (MarkedProcess process : marked) {
            if (!process.instanceId().isBlank() && !accounted.contains(process.instanceId())) {
                steps.add(new Step.KillOrphan(new CleanupAction(CleanupAction.KILL_ORPHAN_PROCESS,
                        process.session(), process.server().isBlank() ? null : process.server(),
                        process.identity().pid(), whyOrphan(process)), process));
            }
        }
        Map<Long, MarkedProcess> byPid = marked.stream()
                .collect(Collectors.toMap(m -> m.identity().pid(), Function.identity(), (a, b) -> a));
        for (PidFile pidFile : pidFiles) {
            String stale = staleness(pidFile.record(), Optional.ofNullable(byPid.get(pidFile.record().pid())), accounted);
            if (stale != null) {
                steps.add(new Step.RemovePidFile(new CleanupAction(CleanupAction.REMOVE_STALE_PID_FILE,
                        pidFile.session(), pidFile.server(), pidFile.record().pid(), stale), pidFile.file(),
                        pidFile.record()));
            }
        }
        for (PortLease lease : ports.all()) {
            if (!ending.contains(lease.session()) && isStale(lease)) {
                steps.add(new Step.ReleaseLease(new CleanupAction(CleanupAction.RELEASE_STALE_LEASE, lease.session(),
                        lease.server(), null, "port " + lease.port() + " is leased to a server that no longer exists"),
                        lease));
            }
        }
        debris.plan(live, steps);
        return steps;
    }

    private void endSession(SessionView session, List<Step> steps) {
        steps.add(new Step.EndSession(new CleanupAction(CleanupAction.END_SESSION, session.id(), null,
                session.ownerPid(), "owner process " + session.ownerPid() + " is gone")));
        for (ServerView server : supervisor.listAll()) {
            if (server.session().equals(session.id()) && server.state().isActive()) {
                steps.add(new Step.StopServer(new CleanupAction(CleanupAction.STOP_SERVER, session.id(),
                        server.name(), server.pid(), "its session's owner is gone")));
            }
        }
    }

    private String whyOrphan(MarkedProcess process) {
        String instance = "; instance " + process.instanceId();
        if (!Names.isValid(process.session()) || !sessions.exists(process.session())) {
            return "its session no longer exists" + instance;
        }
        if (Names.isValid(process.server()) && supervisor.find(process.session(), process.server()).isPresent()) {
            return "left over from an earlier start of its server" + instance;
        }
        return "no server accounts for it" + instance;
    }

    /**
     * Why a pid file is stale, or null while it names a live process of a start some server
     * accounts for. A pid whose process lacks the recorded markers is another program: the file
     * goes, the process is left alone.
     */
    static @Nullable String staleness(PidRecord record, Optional<MarkedProcess> atPid, Set<String> accounted) {
        if (!record.identity().isAlive()) {
            return "process " + record.pid() + " is gone";
        }
        if (atPid.isEmpty() || !atPid.get().identity().equals(record.identity())
                || !atPid.get().instanceId().equals(record.instance())) {
            return "pid " + record.pid() + " is another process, without this server's markers; left alone";
        }
        if (!accounted.contains(record.instance())) {
            return "instance " + record.instance() + " belongs to no running server";
        }
        return null;
    }

    /** Checked right before the file goes: the marker first, then the supervisor, as in the plan. */
    boolean isStillStale(PidRecord record) {
        Optional<MarkedProcess> atPid = MarkedProcesses.find(home.root(), record.pid());
        return staleness(record, atPid, supervisor.accountedInstances()) != null;
    }

    boolean isStale(PortLease lease) {
        return !sessions.isKnown(lease.session()) || supervisor.find(lease.session(), lease.server()).isEmpty();
    }

    private void readPidFiles(String session, List<PidFile> pidFiles, List<Step> steps) {
        Path dir = home.pidsDir(session);
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(CleanupPlanner::isPidFileName).sorted().toList();
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            log.warn("Cannot list {}: {}", dir, e.getMessage());
            return;
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String server = name.substring(0, name.length() - ".json".length());
            readPidRecord(file).ifPresentOrElse(
                    record -> pidFiles.add(new PidFile(session, server, file, record)),
                    () -> unreadable(file).ifPresent(why -> steps.add(new Step.MoveCorruptFileAside(
                            new CleanupAction(CleanupAction.MOVE_CORRUPT_FILE_ASIDE, session, server, null, why), file))));
        }
    }

    static boolean isPidFileName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") && !name.equals("owner.json")
                && Names.isValid(name.substring(0, name.length() - ".json".length()));
    }

    /** The record, if the file exists and is a complete pid record. */
    Optional<PidRecord> readPidRecord(Path file) {
        try {
            PidRecord record = mapper.readValue(Files.readAllBytes(file), PidRecord.class);
            return record != null && PidRecord.isComplete(record) ? Optional.of(record) : Optional.empty();
        } catch (IOException | JacksonException e) {
            return Optional.empty();
        }
    }

    /** Why an existing file is not a pid record; empty when it reads fine or is gone. */
    Optional<String> unreadable(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            PidRecord record = mapper.readValue(bytes, PidRecord.class);
            return record != null && PidRecord.isComplete(record) ? Optional.empty()
                    : Optional.of("not a pid record: pid, startTime or instance missing");
        } catch (JacksonException e) {
            String message = String.valueOf(e.getOriginalMessage());
            return Optional.of("unreadable JSON: " + message.lines().findFirst().orElse(message));
        }
    }
}
