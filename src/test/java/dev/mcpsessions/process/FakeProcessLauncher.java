package dev.mcpsessions.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Processes that exist only in the test: every launch is recorded with its monotonic time, and
 * the test decides when (and with which code) each one exits, or that a launch fails.
 */
final class FakeProcessLauncher implements ProcessLauncher {

    /** Start time of no real process, so a fake pid is never signalled even if the OS uses it. */
    private static final Instant NOT_A_REAL_START = Instant.EPOCH;
    private static final AtomicLong PIDS = new AtomicLong(4_000_000);

    final List<FakeProcess> launched = new CopyOnWriteArrayList<>();
    final List<Long> launchNanos = new CopyOnWriteArrayList<>();
    /** Launches from this number on (1-based) fail as if the binary had gone. */
    volatile int failFromLaunch = Integer.MAX_VALUE;
    /** When set, every new process exits at once with this code. */
    volatile @Nullable IntSupplier exitAtOnce;

    @Override
    public Launched launch(Launch launch) throws IOException {
        launchNanos.add(System.nanoTime());
        if (launchNanos.size() >= failFromLaunch) {
            throw new IOException("Cannot run program \"" + launch.argv().get(0) + "\": error=2, No such file or directory");
        }
        FakeProcess process = new FakeProcess(new ProcessIdentity(PIDS.incrementAndGet(), NOT_A_REAL_START));
        launched.add(process);
        IntSupplier code = exitAtOnce;
        if (code != null) {
            process.exit(code.getAsInt());
        }
        return process;
    }

    int launches() {
        return launchNanos.size();
    }

    FakeProcess last() {
        return launched.get(launched.size() - 1);
    }

    record FakeProcess(ProcessIdentity identity, CompletableFuture<Integer> exit) implements Launched {

        FakeProcess(ProcessIdentity identity) {
            this(identity, new CompletableFuture<>());
        }

        void exit(int code) {
            exit.complete(code);
        }

        @Override
        public OutputStream stdin() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public @Nullable InputStream stdout() {
            return null;
        }
    }
}
