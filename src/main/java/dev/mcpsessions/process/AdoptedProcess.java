package dev.mcpsessions.process;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A process the manager did not spawn itself (started by an earlier manager, or by an MCP client
 * in wrapper mode): no pipes; its exit is seen through its handle, with no exit code.
 */
record AdoptedProcess(ProcessIdentity identity, CompletableFuture<Integer> exit) implements ProcessLauncher.Launched {

    private static final Duration EXIT_POLL = Duration.ofMillis(250);

    static AdoptedProcess of(ProcessIdentity identity) {
        ProcessHandle handle = identity.handle().orElseThrow(
                () -> new InvalidSpecException("process " + identity.pid() + " does not run"));
        return new AdoptedProcess(identity, handle.onExit().thenApply(h -> -1));
    }

    /**
     * Exit seen by polling the identity: {@link ProcessHandle#onExit()} polls a non-child too, but
     * ever more slowly, and takes a zombie for alive, and a server whose manager died is a zombie
     * until init reaps it. Exit code -1 (only a parent learns the real one) counts as unexpected.
     */
    static AdoptedProcess polling(ProcessIdentity identity, ScheduledExecutorService scheduler) {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        ScheduledFuture<?> poll = scheduler.scheduleWithFixedDelay(() -> {
            if (!identity.isAlive()) {
                exit.complete(-1);
            }
        }, 0, EXIT_POLL.toMillis(), TimeUnit.MILLISECONDS);
        exit.whenComplete((code, error) -> poll.cancel(false));
        return new AdoptedProcess(identity, exit);
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
