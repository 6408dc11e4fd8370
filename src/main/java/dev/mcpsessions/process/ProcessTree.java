package dev.mcpsessions.process;

import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The live processes of one start of a server: the root, its descendants, every process marked
 * with the instance (daemons re-parented to init) and their descendants (children that dropped
 * the environment). Root first, so a stop signal reaches the parent before its children.
 */
final class ProcessTree {

    private ProcessTree() {
    }

    static Collection<ProcessIdentity> collect(@Nullable ProcessIdentity root, Path home, String instanceId) {
        return collect(root, MarkedProcesses.withInstance(home, instanceId));
    }

    /** The same, from the instance's marked processes of a scan already made: one scan serves every server. */
    static Collection<ProcessIdentity> collect(@Nullable ProcessIdentity root,
            List<MarkedProcesses.MarkedProcess> markedWithInstance) {
        Map<Long, ProcessIdentity> members = new LinkedHashMap<>();
        if (root != null) {
            root.handle().ifPresent(handle -> addWithDescendants(handle, root, members));
        }
        for (MarkedProcesses.MarkedProcess marked : markedWithInstance) {
            if (!members.containsKey(marked.identity().pid())) {
                marked.identity().handle().ifPresent(handle -> addWithDescendants(handle, marked.identity(), members));
            }
        }
        return members.values();
    }

    private static void addWithDescendants(ProcessHandle handle, ProcessIdentity identity,
            Map<Long, ProcessIdentity> members) {
        members.put(identity.pid(), identity);
        handle.descendants()
                .filter(child -> !members.containsKey(child.pid()))
                .filter(child -> !ProcessIdentity.isZombie(child.pid()))
                .forEach(child -> ProcessIdentity.of(child).ifPresent(id -> members.put(id.pid(), id)));
    }
}
