package dev.mcpsessions.home;

import java.nio.file.Path;

/**
 * The on-disk layout of one home. Every path that contains a name is built here, after the
 * name has been checked, so that no request can reach outside the home.
 */
public final class ManagerHome {

    private final Path root;

    public ManagerHome(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path managerJson() {
        return root.resolve("manager.json");
    }

    public Path lockFile() {
        return root.resolve("manager.lock");
    }

    public Path tokenFile() {
        return root.resolve("token");
    }

    public Path mainLog() {
        return root.resolve("logs").resolve("mcp-main.log");
    }

    public Path pidsRoot() {
        return root.resolve("pids");
    }

    public Path configsRoot() {
        return root.resolve("configs");
    }

    public Path logsRoot() {
        return root.resolve("logs");
    }

    public Path pidsDir(String session) {
        return pidsRoot().resolve(Names.requireValid("session", session));
    }

    public Path configsDir(String session) {
        return configsRoot().resolve(Names.requireValid("session", session));
    }

    public Path logsDir(String session) {
        return logsRoot().resolve(Names.requireValid("session", session));
    }

    public Path sessionFile(String session) {
        return configsDir(session).resolve("session.json");
    }

    public Path environmentFile(String session) {
        return configsDir(session).resolve("environment");
    }

    public Path ownerFile(String session) {
        return pidsDir(session).resolve("owner.json");
    }

    public Path pidFile(String session, String server) {
        return pidsDir(session).resolve(Names.requireValid("server", server) + ".json");
    }

    public Path specFile(String session, String server) {
        return configsDir(session).resolve(Names.requireValid("server", server) + ".json");
    }

    /** Directory of the per-session config copies handed to one server. */
    public Path configCopyDir(String session, String server) {
        return configsDir(session).resolve(Names.requireValid("server", server));
    }

    public Path logFile(String session, String server) {
        return logsDir(session).resolve(Names.requireValid("server", server) + ".log");
    }

    /** Creates the home's top-level directories and makes them 0700, whoever created them. */
    public void createLayout() {
        for (Path dir : new Path[] {root, pidsRoot(), configsRoot(), logsRoot()}) {
            AtomicFiles.createPrivateDirectories(dir);
            try {
                java.nio.file.Files.setPosixFilePermissions(dir, AtomicFiles.DIR_MODE);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("Cannot make " + dir + " private", e);
            }
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
