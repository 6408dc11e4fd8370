package dev.mcpsessions.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import dev.mcpsessions.home.AtomicFiles;
import dev.mcpsessions.home.JsonFiles;
import dev.mcpsessions.home.ManagerHome;
import dev.mcpsessions.home.Names;
import dev.mcpsessions.process.ProcessIdentity;

/**
 * The sessions of this home. Disk is the truth: the map is a cache rebuilt from
 * {@code configs/*}{@code /session.json} at start, and every change is written before it is cached.
 */
@Service
public class SessionRegistry {

    private static final Logger log = LoggerFactory.getLogger(SessionRegistry.class);
    private static final char[] ID_CHARS = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final ManagerHome home;
    private final JsonFiles json;
    private final SessionEnvironment environments;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();

    private record Entry(Session session, SessionOwner owner) {}

    SessionRegistry(ManagerHome home, JsonFiles json, SessionEnvironment environments,
            ApplicationEventPublisher events, Clock clock) {
        this.home = home;
        this.json = json;
        this.environments = environments;
        this.events = events;
        this.clock = clock;
        load();
    }

    private void load() {
        try (Stream<Path> dirs = Files.list(home.configsRoot())) {
            dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).filter(Names::isValid)
                    .forEach(id -> json.read(home.sessionFile(id), Session.class)
                            .filter(s -> id.equals(s.id()))
                            .ifPresent(s -> sessions.put(id, new Entry(s,
                                    json.read(home.ownerFile(id), SessionOwner.class).orElse(SessionOwner.NONE)))));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot read sessions under " + home.configsRoot(), e);
        }
        log.info("Loaded {} session(s) from {}", sessions.size(), home);
    }

    public SessionView create(CreateSession request, long defaultOwnerPid) {
        long ownerPid = request.ownerPid() == null ? defaultOwnerPid : request.ownerPid();
        SessionOwner owner = ownerPid == 0 ? SessionOwner.NONE : ProcessIdentity.ofPid(ownerPid)
                .filter(ProcessIdentity::isAlive).map(SessionOwner::of)
                .orElseThrow(() -> new OwnerNotRunningException(ownerPid));
        Map<String, String> env = request.environment() == null ? Map.of() : request.environment();
        env.keySet().forEach(SessionEnvironment::requireValidName);
        String id = request.name() == null ? reserveGeneratedId() : reserve(Names.requireValid("session", request.name()));
        Session session = new Session(id, clock.instant(), request.label(), request.cwd());
        try {
            AtomicFiles.createPrivateDirectories(home.pidsDir(id));
            AtomicFiles.createPrivateDirectories(home.logsDir(id));
            json.write(home.ownerFile(id), owner);
            environments.write(id, env);
            json.write(home.sessionFile(id), session); // written last: its presence makes the session real
        } catch (RuntimeException e) {
            sessions.remove(id);
            deleteDirectories(id);
            throw e;
        }
        sessions.put(id, new Entry(session, owner));
        log.info("Session {} created (owner pid {})", id, owner.pid());
        events.publishEvent(new SessionEvent.Created(id));
        return SessionView.of(session, owner);
    }

    /** Claims the id in the cache and its directory on disk, so concurrent creates never share one. */
    private String reserve(String id) {
        Entry placeholder = new Entry(new Session(id, clock.instant(), null, null), SessionOwner.NONE);
        if (sessions.putIfAbsent(id, placeholder) != null || Files.exists(home.configsDir(id))) {
            sessions.remove(id, placeholder);
            throw new SessionExistsException(id);
        }
        AtomicFiles.createPrivateDirectories(home.configsDir(id));
        return id;
    }

    private String reserveGeneratedId() {
        for (int attempt = 0; ; attempt++) {
            StringBuilder id = new StringBuilder("s");
            for (int i = 0; i < 6; i++) {
                id.append(ID_CHARS[random.nextInt(ID_CHARS.length)]);
            }
            try {
                return reserve(id.toString());
            } catch (SessionExistsException e) {
                if (attempt > 20) {
                    throw e;
                }
            }
        }
    }

    public List<SessionView> list() {
        return sessions.values().stream().filter(e -> Files.exists(home.sessionFile(e.session().id())))
                .map(e -> SessionView.of(e.session(), e.owner()))
                .sorted(Comparator.comparing(SessionView::createdAt).thenComparing(SessionView::id)).toList();
    }

    public Optional<SessionView> find(String id) {
        return Optional.ofNullable(sessions.get(Names.requireValid("session", id)))
                .filter(e -> Files.exists(home.sessionFile(id)))
                .map(e -> SessionView.of(e.session(), e.owner()));
    }

    public SessionView get(String id) {
        return find(id).orElseThrow(() -> new SessionNotFoundException(id));
    }

    public boolean exists(String id) {
        return find(id).isPresent();
    }

    /** Whether the id is taken, even by a session still being created (its files may not all exist yet). */
    public boolean isKnown(String id) {
        return sessions.containsKey(Names.requireValid("session", id));
    }

    public Map<String, String> environment(String id) {
        get(id);
        return environments.read(id);
    }

    public void replaceEnvironment(String id, Map<String, String> environment) {
        get(id);
        environments.write(id, environment);
    }

    /** Stops the session's servers (listeners of {@link SessionEvent.Ending}), then removes its directories. */
    public void end(String id, String reason) {
        get(id);
        events.publishEvent(new SessionEvent.Ending(id, reason));
        deleteDirectories(id);
        sessions.remove(id);
        log.info("Session {} ended: {}", id, reason);
        events.publishEvent(new SessionEvent.Ended(id, reason));
    }

    private void deleteDirectories(String id) {
        // session.json first: a crash half-way leaves a directory the reaper recognises as debris, not a session
        try {
            Files.deleteIfExists(home.sessionFile(id));
        } catch (IOException e) {
            log.warn("Could not remove {}: {}", home.sessionFile(id), e.getMessage());
        }
        AtomicFiles.deleteRecursively(home.configsDir(id));
        AtomicFiles.deleteRecursively(home.pidsDir(id));
        AtomicFiles.deleteRecursively(home.logsDir(id));
    }
}
