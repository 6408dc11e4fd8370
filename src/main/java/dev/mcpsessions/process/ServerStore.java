package dev.mcpsessions.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import dev.mcpsessions.home.JsonFiles;
import dev.mcpsessions.home.ManagerHome;
import dev.mcpsessions.home.Names;

/** Specs ({@code configs/<s>/<n>.json}) and pid files ({@code pids/<s>/<n>.json}) on disk. */
@Component
class ServerStore {

    private final ManagerHome home;
    private final JsonFiles json;

    ServerStore(ManagerHome home, JsonFiles json) {
        this.home = home;
        this.json = json;
    }

    void writeSpec(String session, ServerSpec spec, DesiredState desired) {
        json.write(home.specFile(session, spec.name()), new StoredServer(spec, desired));
    }

    Optional<StoredServer> readSpec(String session, String server) {
        return json.read(home.specFile(session, server), StoredServer.class)
                .filter(s -> s.spec() != null && server.equals(s.spec().name()));
    }

    /** Names of the servers with a spec file in the session. */
    List<String> serverNames(String session) {
        List<String> names = new ArrayList<>();
        Path dir = home.configsDir(session);
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".json") && !f.equals("session.json"))
                    .map(f -> f.substring(0, f.length() - 5)).filter(Names::isValid).sorted().forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    void writePid(String session, String server, PidRecord record) {
        json.write(home.pidFile(session, server), record);
    }

    /** The pid file; one that parses but lacks pid, start time or instance is moved aside like a corrupt one. */
    Optional<PidRecord> readPid(String session, String server) {
        Path file = home.pidFile(session, server);
        Optional<PidRecord> record = json.read(file, PidRecord.class);
        if (record.isPresent() && !PidRecord.isComplete(record.get())) {
            json.quarantine(file, "pid file lacks pid, startTime or instance");
            return Optional.empty();
        }
        return record;
    }

    void deletePid(String session, String server) {
        delete(home.pidFile(session, server));
    }

    void deleteSpec(String session, String server) {
        delete(home.specFile(session, server));
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + file, e);
        }
    }
}
