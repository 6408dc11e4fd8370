package dev.mcpsessions.process;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads {@code /proc/<pid>/environ}, which is how processes are told apart by the variables they
 * inherited (the home's markers, a probe's marker) even after they were re-parented. A read
 * never misses a process in the middle of its execve, which shows an empty environment for a
 * moment.
 */
public final class ProcEnviron {

    /** Most environments fit; a larger one grows this thread's buffer. */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[64 * 1024]);
    private static final long FIRST_EXEC_PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    /** Under load a process can wait this long for a core in the middle of its execve. */
    private static final long MAX_EXEC_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** pid → start ticks of processes whose environment stayed empty through a whole wait. */
    private static final Map<Long, Long> KNOWN_EMPTY = new ConcurrentHashMap<>();

    private ProcEnviron() {
    }

    /** Whether the environment of the process holds exactly this {@code NAME=value} entry. */
    public static boolean contains(long pid, String entry) {
        byte[] needle = entry.getBytes(StandardCharsets.UTF_8);
        int length = read(pid);
        byte[] environ = buffer();
        int start = 0;
        for (int i = 0; i <= length; i++) {
            if (i == length || environ[i] == 0) {
                if (i - start == needle.length && Arrays.equals(environ, start, i, needle, 0, needle.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    /**
     * Reads the environment into {@link #buffer()} and returns its length: 0 when it is empty (a
     * zombie's is), -1 when it cannot be read (gone, or another user's).
     */
    static int read(long pid) {
        int length = readOnce(pid);
        return length == 0 ? rereadDuringExec(pid) : length;
    }

    /** This thread's buffer, holding what {@link #read} read last. */
    static byte[] buffer() {
        return BUFFER.get();
    }

    /**
     * A stream into a reused buffer: Files.readAllBytes costs three times as much on /proc, and a
     * scan reads every process's environ.
     */
    private static int readOnce(long pid) {
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
            int length = readOnce(pid);
            if (length != 0) {
                return length;
            }
            if (startIfMaybeInExec(pid) != start) {
                return readOnce(pid); // the exec ended since that read, or the process did
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
        ProcStat stat = ProcStat.read(pid);
        boolean running = stat != null && (stat.state() == 'R' || stat.state() == 'D');
        return running && (stat.flags() & (ProcStat.PF_KTHREAD | ProcStat.PF_EXITING)) == 0 ? stat.startTicks() : -1;
    }
}
