package dev.mcpsessions.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * CPU and memory of a server's whole tree, read from {@code /proc}. CPU% needs two samples, so
 * the previous one is kept per instance; like {@code top}, 100% is one core fully busy.
 */
public final class ProcessStats {

    /**
     * @param cpuPercent CPU used since the previous sample of this instance (0 on the first)
     * @param rssBytes resident memory of all live members
     * @param cpuSeconds user + system time of all live members
     */
    public record TreeUsage(double cpuPercent, long rssBytes, double cpuSeconds) {
        public static final TreeUsage NONE = new TreeUsage(0, 0, 0);
    }

    /** Ticks per member, so a member that exits does not make the sum go backwards. */
    private record Sample(long nanos, Map<ProcessIdentity, Long> ticks) {}

    private record Reading(long ticks, long rssBytes) {}

    private final long ticksPerSecond = Getconf.value("CLK_TCK", 100);
    private final long pageSize = Getconf.value("PAGESIZE", 4096);
    private final Map<String, Sample> previous = new ConcurrentHashMap<>();

    public TreeUsage sample(@Nullable ProcessIdentity root, Path home, String instanceId) {
        return sample(instanceId, ProcessTree.collect(root, home, instanceId));
    }

    /** The same for a tree already collected, e.g. from one {@link ProcessTable} for every server. */
    TreeUsage sample(String instanceId, Collection<ProcessIdentity> tree) {
        long now = System.nanoTime();
        Map<ProcessIdentity, Long> ticks = new HashMap<>();
        long rss = 0;
        for (ProcessIdentity member : tree) {
            Reading reading = read(member.pid());
            if (reading != null) {
                ticks.put(member, reading.ticks());
                rss += reading.rssBytes();
            }
        }
        if (ticks.isEmpty()) {
            previous.remove(instanceId);
            return TreeUsage.NONE;
        }
        long total = ticks.values().stream().mapToLong(Long::longValue).sum();
        Sample before = previous.put(instanceId, new Sample(now, ticks));
        double cpuPercent = before == null ? 0 : percent(before, ticks, now);
        return new TreeUsage(cpuPercent, rss, (double) total / ticksPerSecond);
    }

    /** Drops the kept sample of a server start that has ended. */
    public void forget(String instanceId) {
        previous.remove(instanceId);
    }

    private double percent(Sample before, Map<ProcessIdentity, Long> ticks, long now) {
        double seconds = (double) (now - before.nanos()) / TimeUnit.SECONDS.toNanos(1);
        if (seconds <= 0) {
            return 0;
        }
        long used = 0;
        for (Map.Entry<ProcessIdentity, Long> member : ticks.entrySet()) {
            // a member new since the last sample spent all its time within the interval
            used += Math.max(0, member.getValue() - before.ticks().getOrDefault(member.getKey(), 0L));
        }
        return (double) used / ticksPerSecond / seconds * 100;
    }

    private @Nullable Reading read(long pid) {
        ProcStat stat = ProcStat.read(pid);
        if (stat == null) {
            return null; // exited meanwhile
        }
        try {
            String[] statm = Files.readString(Path.of("/proc", Long.toString(pid), "statm"), StandardCharsets.US_ASCII)
                    .trim().split(" ");
            return new Reading(stat.cpuTicks(), Long.parseLong(statm[1]) * pageSize);
        } catch (IOException | RuntimeException e) {
            return null; // exited meanwhile
        }
    }

    /** System constants, asked once; the fallbacks are what Linux on x86 and arm64 use. */
    static final class Getconf {

        private Getconf() {
        }

        static long value(String name, long fallback) {
            try {
                Process getconf = new ProcessBuilder("getconf", name).redirectErrorStream(true).start();
                String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
                if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                    long value = Long.parseLong(out);
                    return value > 0 ? value : fallback;
                }
                return fallback;
            } catch (IOException | NumberFormatException e) {
                return fallback;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fallback;
            }
        }
    }
}
