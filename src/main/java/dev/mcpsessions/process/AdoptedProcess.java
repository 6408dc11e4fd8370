package dev.mcpsessions.process;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * A process the manager did not spawn itself (started by an earlier manager, or by an MCP client
 * in wrapper mode): no pipes; its exit is seen through its handle, with no exit code.
 */
record AdoptedProcess(ProcessIdentity identity, CompletableFuture<Integer> exit) implements ProcessLauncher.Launched {

    static AdoptedProcess of(ProcessIdentity identity) {
        ProcessHandle handle = identity.handle().orElseThrow(
                () -> new InvalidSpecException("process " + identity.pid() + " does not run"));
        return new AdoptedProcess(identity, handle.onExit().thenApply(h -> -1));
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
