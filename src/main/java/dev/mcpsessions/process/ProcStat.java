package dev.mcpsessions.process;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;

/**
 * The fields of {@code /proc/<pid>/stat} the manager uses. Parsed in place: a scan reads the stat
 * of every process, and {@code split()} made a pass twice as slow.
 *
 * @param state one letter: R running, S sleeping, D uninterruptible, Z zombie, X dead, ...
 * @param flags the kernel's PF_* flags
 * @param cpuTicks user plus system time, in clock ticks
 * @param startTicks start in clock ticks since boot: tells a reused pid from the process seen
 */
record ProcStat(char state, long ppid, long flags, long cpuTicks, long startTicks) {

    /** Flags (include/linux/sched.h). */
    static final long PF_EXITING = 0x4;
    static final long PF_KTHREAD = 0x200000;

    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[4096]);
    /** proc(5) numbering: 3 is the state, the first field after the command name. */
    private static final int PPID = 4;
    private static final int FLAGS = 9;
    private static final int UTIME = 14;
    private static final int STIME = 15;
    private static final int STARTTIME = 22;

    /** The process's stat, or null when it is gone or cannot be read. */
    static @Nullable ProcStat read(long pid) {
        byte[] buffer = BUFFER.get();
        int length = 0;
        try (InputStream in = new FileInputStream("/proc/" + pid + "/stat")) {
            for (int n; length < buffer.length && (n = in.read(buffer, length, buffer.length - length)) > 0; ) {
                length += n;
            }
        } catch (IOException | SecurityException e) {
            return null;
        }
        // the command name may contain spaces and parentheses: fields start after the last ')'
        int i = length - 1;
        while (i >= 0 && buffer[i] != ')') {
            i--;
        }
        if (i < 0 || i + 2 >= length) {
            return null;
        }
        i += 2;
        char state = (char) buffer[i];
        long[] values = new long[STARTTIME + 1];
        int field = 3;
        while (i < length && field < STARTTIME) {
            if (buffer[i++] != ' ') {
                continue;
            }
            field++;
            long value = 0;
            while (i < length && buffer[i] >= '0' && buffer[i] <= '9') {
                value = value * 10 + (buffer[i++] - '0');
            }
            values[field] = value;
        }
        if (field < STARTTIME) {
            return null;
        }
        return new ProcStat(state, values[PPID], values[FLAGS], values[UTIME] + values[STIME], values[STARTTIME]);
    }

    /** Exited: only its parent's wait is missing (a zombie), or about to vanish. */
    boolean exited() {
        return state == 'Z' || state == 'X';
    }
}
