package dev.mcpsessions.process;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

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
    /** Most environments fit; a larger one grows this thread's buffer. */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[64 * 1024]);
    /** Flags of {@code /proc/<pid>/stat} (include/linux/sched.h). */
    private static final long PF_EXITING = 0x4;
    private static final long PF_KTHREAD = 0x200000;
    private static final long FIRST_EXEC_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    /** Under load a process can wait this long for a core in the middle of its execve. */
    private static final long MAX_EXEC_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** pid → start ticks of processes whose environment stayed empty through a whole wait. */
    private static final Map<Long, Long> KNOWN_EMPTY = new ConcurrentHashMap<>();

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
        int length = readEnviron(pid);
        if (length == 0) {
            length = rereadDuringExec(pid);
        }
        byte[] environ = BUFFER.get();
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

    /**
     * Reads {@code /proc/<pid>/environ} into this thread's buffer (grown when needed) and returns
     * its length, or -1 when it cannot be read. A stream into a reused buffer: Files.readAllBytes
     * costs three times as much on /proc, and a scan reads every process's environ.
     */
    private static int readEnviron(long pid) {
        byte[] environ = BUFFER.get();
        int length = 0;
        try (InputStream in = new FileInputStream("/proc/" + pid + "/environ")) {
            for (int n; (n = in.read(environ, length, environ.length - length)) > 0; ) {
                length += n;
                if (length == environ.length) {
                    environ = Arrays.copyOf(environ, environ.length * 2);
                    BUFFER.set(environ);
                }
            }
        } catch (IOException | SecurityException e) {
            return -1;
        }
        return length;
    }

    /**
     * A process inside execve reads an empty environment until the kernel has described its new
     * stack (the old memory is gone by then), and under load it may wait many milliseconds for a
     * core in between. So an empty read of a process that may be there (running or in
     * uninterruptible sleep; no kernel thread, zombie or exiting process) is repeated with growing
     * pauses, up to 100 ms; one that stays empty all along really has no environment and is
     * remembered, so that later scans do not wait for it again.
     */
    private static int rereadDuringExec(long pid) {
        long start = startIfMaybeInExec(pid);
        if (start < 0 || Long.valueOf(start).equals(KNOWN_EMPTY.get(pid))) {
            return 0;
        }
        for (long pause = FIRST_EXEC_PAUSE_NANOS, waited = 0; waited < MAX_EXEC_WAIT_NANOS; pause *= 2) {
            LockSupport.parkNanos(pause);
            waited += pause;
            int length = readEnviron(pid);
            if (length != 0) {
                return Math.max(length, 0);
            }
            if (startIfMaybeInExec(pid) != start) {
                return Math.max(readEnviron(pid), 0); // the exec ended since that read, or the process did
            }
        }
        if (KNOWN_EMPTY.size() > 1_000) {
            KNOWN_EMPTY.clear(); // pids of long gone processes; the next wait refills it
        }
        KNOWN_EMPTY.put(pid, start);
        return 0;
    }

    /** The start ticks of a process that may be inside execve, or -1. */
    private static long startIfMaybeInExec(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            boolean running = fields[0].equals("R") || fields[0].equals("D");
            long flags = Long.parseLong(fields[6]);
            return running && (flags & (PF_KTHREAD | PF_EXITING)) == 0 ? Long.parseLong(fields[19]) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
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
