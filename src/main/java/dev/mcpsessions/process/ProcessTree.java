package dev.mcpsessions.process;

import java.nio.file.Path;
import java.util.Collection;

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
        return ProcessTable.snapshot(home).tree(root, instanceId);
    }
}
