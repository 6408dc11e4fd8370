package dev.mcpsessions.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mcpsessions.process.ServerView;
import dev.mcpsessions.session.SessionView;

/** What the overview shows: the counts at the top and every session with its servers. */
record Overview(Summary summary, List<Group> groups) {

    /** @param failing servers in BACKOFF, EXITED or FATAL */
    record Summary(int sessions, int orphaned, int servers, int running, int failing, int stopped) {}

    /** A session and its servers' rows. */
    record Group(SessionView session, String owner, String age, List<ServerRow> servers) {}

    /** {@code servers} may hold any session's servers; one pass groups them. */
    static Overview of(List<SessionView> sessions, List<ServerView> servers, Instant now) {
        Map<String, List<ServerRow>> bySession = new LinkedHashMap<>();
        int running = 0;
        int failing = 0;
        int stopped = 0;
        int counted = 0;
        for (SessionView session : sessions) {
            bySession.put(session.id(), new ArrayList<>());
        }
        for (ServerView s : servers) {
            List<ServerRow> rows = bySession.get(s.session());
            if (rows == null) {
                continue; // its session ended between the two reads
            }
            rows.add(ServerRow.of(s));
            counted++;
            switch (s.state()) {
                case RUNNING, ATTACHED -> running++;
                case BACKOFF, EXITED, FATAL -> failing++;
                case STOPPED -> stopped++;
                default -> { /* STARTING, STOPPING: counted as servers only */ }
            }
        }
        List<Group> groups = sessions.stream().map(s -> new Group(s, owner(s),
                Display.duration(Duration.between(s.createdAt(), now)), bySession.get(s.id()))).toList();
        int orphaned = (int) sessions.stream().filter(SessionView::orphaned).count();
        return new Overview(new Summary(sessions.size(), orphaned, counted, running, failing, stopped), groups);
    }

    static String owner(SessionView s) {
        return s.ownerPid() == 0 ? "none" : "pid " + s.ownerPid();
    }
}
