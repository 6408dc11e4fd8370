package dev.mcpsessions.process;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * The environment variables every managed process carries. Children inherit them, so they find
 * a server's whole tree even after a double fork; ownership is {@link #MCP_INSTANCE_ID} together
 * with {@link #MCP_MANAGER_HOME}, never {@link #MCP_SESSION_ID} alone (the user's shell has it too).
 */
public final class Markers {

    public static final String MCP_SESSION_ID = "MCP_SESSION_ID";
    public static final String MCP_SERVER_NAME = "MCP_SERVER_NAME";
    public static final String MCP_INSTANCE_ID = "MCP_INSTANCE_ID";
    public static final String MCP_MANAGER_HOME = "MCP_MANAGER_HOME";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Markers() {
    }

    /** 16 random hex characters, new for every start of a server. */
    public static String newInstanceId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The four markers for one start of a server; the home is made absolute as scans compare it. */
    public static Map<String, String> of(String session, String server, String instanceId, Path home) {
        return Map.of(MCP_SESSION_ID, session, MCP_SERVER_NAME, server, MCP_INSTANCE_ID, instanceId,
                MCP_MANAGER_HOME, homeValue(home));
    }

    static String homeValue(Path home) {
        return home.toAbsolutePath().normalize().toString();
    }
}
