package dev.mcpsessions.cleanup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.mcpsessions.home.ManagerHome;
import dev.mcpsessions.home.Names;

/**
 * Looks over the home at start and names, in one warning each, entries the manager does not know:
 * a directory with a name no session can have, a stray file. They are left where they are (they
 * may be a person's); cleanup never touches them. Corrupt JSON files are moved aside when they are
 * read ({@code JsonFiles}), and files already moved aside are named so that someone looks at them.
 */
@Component
class HomeInspection {

    private static final Logger log = LoggerFactory.getLogger(HomeInspection.class);

    /** {@code .health-probe}: the health check's write test, left behind if the manager died mid-check. */
    private static final Set<String> ROOT_ENTRIES = Set.of("manager.json", "manager.lock", "token", "pids", "configs",
            "logs", ".health-probe");
    /** The manager's own log and its rotations, and the output of a manager the CLI started. */
    private static final Pattern MAIN_LOGS = Pattern.compile("mcp-main\\.log.*|manager\\.out.*");
    private static final Pattern SERVER_LOG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}\\.log(\\.\\d+)?");
    private static final Pattern ATOMIC_TEMP = Pattern.compile("\\..+\\.tmp");

    private final ManagerHome home;

    HomeInspection(ManagerHome home) {
        this.home = home;
    }

    void warnAboutUnknownEntries() {
        check(home.root(), p -> ROOT_ENTRIES.contains(name(p)));
        check(home.pidsRoot(), HomeInspection::isSessionDir);
        check(home.configsRoot(), HomeInspection::isSessionDir);
        check(home.logsRoot(), p -> isSessionDir(p) || MAIN_LOGS.matcher(name(p)).matches());
        for (Path dir : sessionDirs(home.pidsRoot())) {
            check(dir, p -> isFile(p) && name(p).endsWith(".json") && Names.isValid(stem(name(p), ".json")));
        }
        for (Path dir : sessionDirs(home.configsRoot())) {
            check(dir, p -> name(p).equals("session.json") || name(p).equals("environment")
                    || isFile(p) && name(p).endsWith(".json") && Names.isValid(stem(name(p), ".json"))
                    || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && Names.isValid(name(p)));
        }
        for (Path dir : sessionDirs(home.logsRoot())) {
            check(dir, p -> isFile(p) && SERVER_LOG.matcher(name(p)).matches());
        }
    }

    private static void check(Path dir, Predicate<Path> known) {
        for (Path entry : list(dir)) {
            String name = name(entry);
            if (name.contains(HomeDebris.CORRUPT_MARK)) {
                log.warn("Found {}: a corrupt file moved aside earlier; inspect it, then delete it", entry);
            } else if (!known.test(entry) && !ATOMIC_TEMP.matcher(name).matches()) {
                log.warn("Unknown entry {} in the home: left alone, and cleanup will not touch it", entry);
            }
        }
    }

    private static List<Path> sessionDirs(Path root) {
        return list(root).stream().filter(HomeInspection::isSessionDir).toList();
    }

    private static boolean isSessionDir(Path p) {
        return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && Names.isValid(name(p));
    }

    private static boolean isFile(Path p) {
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            log.warn("Cannot list {}: {}", dir, e.getMessage());
            return List.of();
        }
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }

    private static String stem(String name, String suffix) {
        return name.substring(0, name.length() - suffix.length());
    }
}
