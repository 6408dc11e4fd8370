package dev.mcpsessions.process;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One pass over {@code /proc}: every live process's parent and start, and its instance when it
 * carries this home's markers. The trees of many servers come from one pass; each call of
 * {@link ProcessHandle#descendants()} or {@link MarkedProcesses#withInstance} is a pass of its own,
 * and with 100 servers those passes kept a core a quarter busy.
 */
final class ProcessTable {

    /** @param startTicks start in clock ticks since boot, to tell a reused pid from the process seen */
    private record Row(long pid, long ppid, long startTicks, @Nullable String instanceId) {}

    private final Map<Long, Row> rows = new HashMap<>();
    private final Map<Long, List<Row>> children = new HashMap<>();
    private final Map<String, List<Row>> byInstance = new HashMap<>();

    private ProcessTable() {
    }

    static ProcessTable snapshot(Path home) {
        String homeValue = Markers.homeValue(home);
        long self = ProcessHandle.current().pid();
        ProcessTable table = new ProcessTable();
        for (long pid : pids()) {
            ProcStat stat = ProcStat.read(pid);
            if (stat == null || stat.exited()) {
                continue; // gone, or a zombie: it has exited
            }
            Map<String, String> markers = pid == self ? Map.of() : MarkedProcesses.markersOf(pid);
            String instance = MarkedProcesses.matches(markers, homeValue, null) ? markers.get(Markers.MCP_INSTANCE_ID) : null;
            Row row = new Row(pid, stat.ppid(), stat.startTicks(), instance);
            table.rows.put(pid, row);
            table.children.computeIfAbsent(row.ppid(), p -> new ArrayList<>()).add(row);
            if (instance != null) {
                table.byInstance.computeIfAbsent(instance, i -> new ArrayList<>()).add(row);
            }
        }
        return table;
    }

    /**
     * The live processes of one start of a server: the root, its descendants, every process marked
     * with the instance (daemons re-parented to init) and their descendants (children that dropped
     * the environment). Root first, so a stop signal reaches the parent before its children.
     */
    List<ProcessIdentity> tree(@Nullable ProcessIdentity root, String instanceId) {
        Map<Long, Row> members = new LinkedHashMap<>();
        Row rootRow = root == null ? null : rows.get(root.pid());
        if (rootRow != null && root.isAlive()) {
            addWithDescendants(rootRow, members);
        }
        for (Row marked : byInstance.getOrDefault(instanceId, List.of())) {
            addWithDescendants(marked, members);
        }
        List<ProcessIdentity> tree = new ArrayList<>();
        for (Row row : members.values()) {
            if (rootRow != null && row.pid() == root.pid()) {
                tree.add(root);
            } else {
                identify(row).ifPresent(tree::add);
            }
        }
        return tree;
    }

    private static List<Long> pids() {
        String[] names = new File("/proc").list();
        if (names == null) {
            throw new IllegalStateException("Cannot list /proc");
        }
        List<Long> pids = new ArrayList<>(names.length);
        for (String name : names) {
            if (!name.isEmpty() && name.length() < 19 && name.chars().allMatch(c -> c >= '0' && c <= '9')) {
                pids.add(Long.parseLong(name));
            }
        }
        return pids;
    }

    /** Whether any live process carries this instance. */
    boolean hasInstance(String instanceId) {
        return byInstance.containsKey(instanceId);
    }

    private void addWithDescendants(Row row, Map<Long, Row> members) {
        if (members.putIfAbsent(row.pid(), row) != null) {
            return;
        }
        for (Row child : children.getOrDefault(row.pid(), List.of())) {
            // a child cannot start before its parent: an older "child" holds a reused pid
            if (child.startTicks() >= row.startTicks()) {
                addWithDescendants(child, members);
            }
        }
    }

    /** The identity, read now; the start is read again so that a pid reused since the pass is not taken. */
    private static Optional<ProcessIdentity> identify(Row row) {
        Optional<ProcessIdentity> identity = ProcessIdentity.ofPid(row.pid());
        ProcStat stat = ProcStat.read(row.pid());
        return stat != null && !stat.exited() && stat.startTicks() == row.startTicks() ? identity : Optional.empty();
    }
}
