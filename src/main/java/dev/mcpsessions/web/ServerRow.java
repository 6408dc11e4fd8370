package dev.mcpsessions.web;

import dev.mcpsessions.process.ServerView;

/** One server as a table row shows it: every cell already formatted, "-" where nothing runs. */
record ServerRow(String session, String name, String state, String badge, String pid, String port,
        String uptime, int restarts, String cpu, String rss, String lastError) {

    static ServerRow of(ServerView s) {
        boolean live = s.pid() != null;
        return new ServerRow(s.session(), s.name(), s.state().name(), Display.badge(s.state()),
                live ? s.pid().toString() : "-",
                s.port() == null ? "-" : s.port().toString(),
                live ? Display.duration(java.time.Duration.ofSeconds(s.uptimeSeconds())) : "-",
                s.restarts(),
                live ? Display.percent(s.cpuPercent()) : "-",
                live ? Display.bytes(s.rssBytes()) : "-",
                s.lastError() == null || s.state().isActive() ? "" : s.lastError());
    }

    /** The id of the row's element, unique on a page. */
    public String rowId() {
        return "server-" + session + "-" + name;
    }

    /**
     * The server page. Names are checked ({@code [a-z0-9_-]}), so the path needs no encoding; a
     * plain string also spares the overview 500 link builds.
     */
    public String href() {
        return "/sessions/" + session + "/servers/" + name;
    }

    /** Classes of the state badge. */
    public String badgeClass() {
        return badge + " state";
    }
}
