package dev.mcpsessions.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.process.ServerView;
import dev.mcpsessions.session.SessionView;

/** The CLI's {@code status} table, rendered here so that the CLI needs no JSON parsing. */
@Component
class StatusTable {

    private static final String[] HEADER = {"SESSION", "SERVER", "STATE", "PID", "PORT", "UPTIME", "RESTARTS", "CPU", "RSS"};

    private final ProcessSupervisor supervisor;

    StatusTable(ProcessSupervisor supervisor) {
        this.supervisor = supervisor;
    }

    /** One row per server; a session without servers gets one row with its own state. */
    String render(List<SessionView> sessions) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        List<String> orphaned = new ArrayList<>();
        for (SessionView session : sessions) {
            List<ServerView> servers = supervisor.list(session.id());
            if (servers.isEmpty()) {
                rows.add(new String[] {session.id(), "-", session.orphaned() ? "orphaned" : "active", "-", "-", "-", "-", "-", "-"});
            }
            for (ServerView s : servers) {
                rows.add(row(s));
            }
            if (session.orphaned()) {
                orphaned.add(session.id());
            }
        }
        StringBuilder out = new StringBuilder(format(rows));
        if (!orphaned.isEmpty()) {
            out.append("\norphaned sessions (owner gone): ").append(String.join(", ", orphaned))
                    .append("; 'cleanup' removes them\n");
        }
        return out.toString();
    }

    private static String[] row(ServerView s) {
        boolean live = s.pid() != null;
        return new String[] {s.session(), s.name(), s.state().name(), live ? s.pid().toString() : "-",
                s.port() == null ? "-" : s.port().toString(), live ? uptime(Duration.ofSeconds(s.uptimeSeconds())) : "-",
                Integer.toString(s.restarts()), live ? String.format("%.1f%%", s.cpuPercent()) : "-",
                live ? bytes(s.rssBytes()) : "-"};
    }

    static String format(List<String[]> rows) {
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    static String uptime(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60) + "s";
        }
        if (s < 86400) {
            return (s / 3600) + "h" + ((s % 3600) / 60) + "m";
        }
        return (s / 86400) + "d" + ((s % 86400) / 3600) + "h";
    }

    static String bytes(long b) {
        if (b < 1024 * 1024) {
            return (b / 1024) + "K";
        }
        if (b < 1024L * 1024 * 1024) {
            return String.format("%.1fM", b / 1048576.0);
        }
        return String.format("%.2fG", b / 1073741824.0);
    }
}
