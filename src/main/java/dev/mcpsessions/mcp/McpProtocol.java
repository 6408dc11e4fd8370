package dev.mcpsessions.mcp;

import java.util.List;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The parts of the MCP specification the manager's client relies on. */
public final class McpProtocol {

    /** The newest revision the client speaks; it is what the client offers in {@code initialize}. */
    public static final String LATEST_VERSION = "2025-11-25";

    /** Every revision the client accepts from a server, newest first. */
    public static final List<String> SUPPORTED_VERSIONS =
            List.of(LATEST_VERSION, "2025-06-18", "2025-03-26", "2024-11-05");

    /** JSON-RPC's "method not found", which MCP requires for an unknown method. */
    public static final int METHOD_NOT_FOUND = -32601;

    static final JsonMapper JSON = JsonMapper.builder().build();

    private McpProtocol() {}

    public static boolean isSupported(@Nullable String version) {
        return version != null && SUPPORTED_VERSIONS.contains(version);
    }

    static ObjectNode initializeParams(String protocolVersion) {
        ObjectNode params = JSON.createObjectNode();
        params.put("protocolVersion", protocolVersion);
        params.putObject("capabilities");
        ObjectNode info = params.putObject("clientInfo");
        info.put("name", "mcp-session-manager");
        info.put("version", clientVersion());
        return params;
    }

    static ObjectNode request(long id, String method, @Nullable JsonNode params) {
        ObjectNode message = notification(method, params);
        message.put("id", id);
        return message;
    }

    static ObjectNode notification(String method, @Nullable JsonNode params) {
        ObjectNode message = JSON.createObjectNode();
        message.put("jsonrpc", "2.0");
        message.put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        return message;
    }

    private static String clientVersion() {
        String version = McpProtocol.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }
}
