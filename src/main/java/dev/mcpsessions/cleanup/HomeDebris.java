package dev.mcpsessions.cleanup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import dev.mcpsessions.home.ManagerHome;
import dev.mcpsessions.home.Names;
import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.session.SessionRegistry;

/**
 * Files and directories no session or server accounts for: config copies of removed servers, and
 * the directories of sessions that no longer exist (empty, or left over when a crash cut an end
 * short). A session whose directories hold a file moved aside as corrupt is left alone: that file
 * is for a person to look at.
 */
@Component
class HomeDebris {

    static final String CORRUPT_MARK = ".corrupt-";

    private final SessionRegistry sessions;
    private final ProcessSupervisor supervisor;
    private final ManagerHome home;

    HomeDebris(SessionRegistry sessions, ProcessSupervisor supervisor, ManagerHome home) {
        this.sessions = sessions;
        this.supervisor = supervisor;
        this.home = home;
    }

    void plan(Collection<String> liveSessions, List<Step> steps) {
        for (String session : liveSessions) {
            for (Path copy : directories(home.configsDir(session))) {
                String server = copy.getFileName().toString();
                if (Names.isValid(server) && isStaleConfig(session, server)) {
                    steps.add(new Step.RemovePath(new CleanupAction(CleanupAction.REMOVE_STALE_CONFIG, session, server,
                            null, "config copy of a server that no longer exists"), copy));
                }
            }
        }
        TreeSet<String> unknown = new TreeSet<>();
        for (Path root : roots()) {
            directories(root).stream().map(d -> d.getFileName().toString())
                    .filter(Names::isValid).filter(id -> !sessions.isKnown(id)).forEach(unknown::add);
        }
        for (String session : unknown) {
            if (holdsCorruptFile(session)) {
                continue;
            }
            for (Path dir : sessionDirectories(session)) {
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    boolean empty = isEmpty(dir);
                    steps.add(new Step.RemovePath(new CleanupAction(
                            empty ? CleanupAction.REMOVE_EMPTY_DIR : CleanupAction.REMOVE_SESSION_DEBRIS, session, null,
                            null, (empty ? "empty directory " : "") + home.root().relativize(dir)
                                    + " of a session that no longer exists"), dir));
                }
            }
        }
    }

    /** Checked once more right before the real run removes the path. */
    boolean isStillStale(Step.RemovePath step) {
        String session = step.action().session();
        return switch (step.action().kind()) {
            case CleanupAction.REMOVE_STALE_CONFIG -> step.action().server() != null
                    && sessions.exists(session) && isStaleConfig(session, step.action().server());
            case CleanupAction.REMOVE_EMPTY_DIR -> !sessions.isKnown(session) && isEmpty(step.path());
            case CleanupAction.REMOVE_SESSION_DEBRIS -> !sessions.isKnown(session) && !holdsCorruptFile(session);
            default -> false;
        };
    }

    private boolean isStaleConfig(String session, String server) {
        return !Files.exists(home.specFile(session, server)) && supervisor.find(session, server).isEmpty();
    }

    private boolean holdsCorruptFile(String session) {
        for (Path dir : sessionDirectories(session)) {
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    if (walk.anyMatch(p -> p.getFileName().toString().contains(CORRUPT_MARK))) {
                        return true;
                    }
                } catch (IOException | UncheckedIOException e) {
                    return true; // unreadable: not ours to judge
                }
            }
        }
        return false;
    }

    private List<Path> roots() {
        return List.of(home.pidsRoot(), home.configsRoot(), home.logsRoot());
    }

    private List<Path> sessionDirectories(String session) {
        return List.of(home.pidsDir(session), home.configsDir(session), home.logsDir(session));
    }

    private static List<Path> directories(Path dir) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().forEach(found::add);
        } catch (NoSuchFileException e) {
            // nothing there
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
        return found;
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
