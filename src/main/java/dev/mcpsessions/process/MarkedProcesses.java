package dev.mcpsessions.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the processes of one home by the markers in {@code /proc/<pid>/environ}. This is how
 * double-forked daemons, re-parented to init, are still found; it is also the only way a restarted
 * manager recognises what an earlier one started.
 */
public final class MarkedProcesses {

    /** A live process carrying this home's markers. */
    public record MarkedProcess(ProcessIdentity identity, String instanceId, String session, String server) {}

    private static final Path PROC = Path.of("/proc");
    private static final byte[] HOME_KEY = (Markers.MCP_MANAGER_HOME + "=").getBytes(StandardCharsets.US_ASCII);

    private MarkedProcesses() {
    }

    /** Every live process whose {@code MCP_MANAGER_HOME} is {@code home}; never the calling JVM. */
    public static List<MarkedProcess> scan(Path home) {
        return scan(home, null);
    }

    /** The live processes of one start of a server: instance id and home both match. */
    public static List<MarkedProcess> withInstance(Path home, String instanceId) {
        return scan(home, instanceId);
    }

    /**
     * The process with this pid, if it is alive and carries this home's markers: the last check
     * before a signal, cheaper than a scan.
     */
    public static Optional<MarkedProcess> find(Path home, long pid) {
        String homeValue = Markers.homeValue(home);
        if (pid <= 0 || pid == ProcessHandle.current().pid() || !matches(markersOf(pid), homeValue, null)) {
            return Optional.empty();
        }
        return identify(pid, homeValue, null);
    }

    private static List<MarkedProcess> scan(Path home, String instanceId) {
        String homeValue = Markers.homeValue(home);
        long self = ProcessHandle.current().pid();
        List<MarkedProcess> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                long pid = pidOf(entry.getFileName().toString());
                if (pid <= 0 || pid == self) {
                    continue;
                }
                Map<String, String> markers = markersOf(pid);
                if (matches(markers, homeValue, instanceId)) {
                    identify(pid, homeValue, instanceId).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list /proc", e);
        }
        return found;
    }

    /**
     * The identity is read after the environment, so the pid may have been reused in between: the
     * environment is read once more and must still carry the same markers.
     */
    private static Optional<MarkedProcess> identify(long pid, String homeValue, String instanceId) {
        if (ProcessIdentity.isZombie(pid)) {
            return Optional.empty();
        }
        Optional<ProcessIdentity> identity = ProcessIdentity.ofPid(pid);
        Map<String, String> markers = markersOf(pid);
        if (identity.isEmpty() || !matches(markers, homeValue, instanceId)) {
            return Optional.empty();
        }
        return Optional.of(new MarkedProcess(identity.get(), markers.getOrDefault(Markers.MCP_INSTANCE_ID, ""),
                markers.getOrDefault(Markers.MCP_SESSION_ID, ""), markers.getOrDefault(Markers.MCP_SERVER_NAME, "")));
    }

    static boolean matches(Map<String, String> markers, String homeValue, String instanceId) {
        String markedHome = markers.get(Markers.MCP_MANAGER_HOME);
        if (markedHome == null || !(homeValue.equals(markedHome) || homeValue.equals(normalize(markedHome)))) {
            return false;
        }
        return instanceId == null || instanceId.equals(markers.get(Markers.MCP_INSTANCE_ID));
    }

    /**
     * The {@code MCP_*} variables of a process; empty when it has none, is gone, is a zombie
     * (its environ reads empty) or belongs to another user.
     */
    static Map<String, String> markersOf(long pid) {
        int length = ProcEnviron.read(pid);
        byte[] environ = ProcEnviron.buffer();
        if (length <= 0 || indexOf(environ, length, HOME_KEY) < 0) {
            return Map.of(); // the common case: decode nothing
        }
        Map<String, String> markers = new HashMap<>();
        int start = 0;
        for (int i = 0; i <= length; i++) {
            if (i == length || environ[i] == 0) {
                if (i - start > 4 && environ[start] == 'M' && environ[start + 1] == 'C' && environ[start + 2] == 'P'
                        && environ[start + 3] == '_') {
                    String entry = new String(environ, start, i - start, StandardCharsets.UTF_8);
                    int eq = entry.indexOf('=');
                    if (eq > 0) {
                        markers.putIfAbsent(entry.substring(0, eq), entry.substring(eq + 1));
                    }
                }
                start = i + 1;
            }
        }
        return markers;
    }

    private static String normalize(String path) {
        try {
            return Markers.homeValue(Path.of(path));
        } catch (RuntimeException e) {
            return path;
        }
    }

    private static long pidOf(String name) {
        long pid = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9' || i > 18) {
                return -1;
            }
            pid = pid * 10 + (c - '0');
        }
        return pid;
    }

    private static int indexOf(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i <= length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
