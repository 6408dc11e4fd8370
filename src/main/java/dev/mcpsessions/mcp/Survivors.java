package dev.mcpsessions.mcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.mcpsessions.process.ProcEnviron;
import dev.mcpsessions.process.ProcessIdentity;

/**
 * Finds the descendants of a probed server that outlived it, kills them and names them. A
 * descendant is one seen under the server before shutdown, or any process whose environment
 * carries the probe's marker (a double-forked daemon is re-parented and no longer a descendant).
 */
final class Survivors {

    private Survivors() {}

    static List<String> killRemaining(List<ProcessHandle> tree, String marker, Duration grace) {
        Map<Long, ProcessHandle> candidates = new LinkedHashMap<>();
        tree.forEach(handle -> candidates.put(handle.pid(), handle));
        marked(marker).forEach(handle -> candidates.putIfAbsent(handle.pid(), handle));
        awaitExit(candidates.values(), grace);
        List<String> survivors = new ArrayList<>();
        for (ProcessHandle handle : candidates.values()) {
            if (handle.isAlive() && !ProcessIdentity.isZombie(handle.pid())) {
                survivors.add("pid " + handle.pid() + " " + handle.info().commandLine().orElse("?"));
                handle.destroyForcibly();
            }
        }
        return survivors;
    }

    /** Gives descendants that are already on their way out (their stdin closed too) a moment. */
    private static void awaitExit(Iterable<ProcessHandle> handles, Duration grace) {
        List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
        handles.forEach(handle -> exits.add(handle.onExit()));
        if (exits.isEmpty() || grace.isZero()) {
            return;
        }
        try {
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new))
                    .get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // some are still alive after the grace: they are the survivors
        }
    }

    private static List<ProcessHandle> marked(String marker) {
        long self = ProcessHandle.current().pid();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(path -> path.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(pid -> pid != self && ProcEnviron.contains(pid, marker))
                    .map(ProcessHandle::of)
                    .flatMap(Optional::stream)
                    .toList();
        } catch (IOException | RuntimeException e) {
            return List.of(); // no /proc (not Linux): the descendant list is all there is
        }
    }
}
