package dev.mcpsessions.mcp;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A server's answer to {@code initialize}.
 *
 * @param protocolVersion the revision the server chose
 * @param capabilities what the server offers ({@code tools}, {@code resources}, ...)
 * @param serverInfo the server's {@code name} and {@code version}
 * @param raw the whole result, as received
 */
public record InitializeResult(String protocolVersion, JsonNode capabilities, JsonNode serverInfo, JsonNode raw) {

    /** Reads a result, refusing one that lacks a field the specification requires. */
    public static InitializeResult parse(JsonNode result) {
        List<String> missing = new ArrayList<>();
        JsonNode version = result.path("protocolVersion");
        if (!version.isString()) {
            missing.add("protocolVersion (string)");
        }
        JsonNode capabilities = result.path("capabilities");
        if (!capabilities.isObject()) {
            missing.add("capabilities (object)");
        }
        JsonNode serverInfo = result.path("serverInfo");
        if (!serverInfo.isObject() || !serverInfo.path("name").isString()
                || !serverInfo.path("version").isString()) {
            missing.add("serverInfo (object with name and version)");
        }
        if (!missing.isEmpty()) {
            throw new McpException(McpException.Kind.INVALID,
                    "initialize result lacks " + String.join(", ", missing), result.toString());
        }
        return new InitializeResult(version.stringValue(), capabilities, serverInfo, result);
    }

    /** Whether the server declared a capability such as {@code tools}. */
    public boolean declares(String capability) {
        return capabilities.path(capability).isObject();
    }

    public String serverName() {
        return serverInfo.path("name").asString("") + " " + serverInfo.path("version").asString("");
    }
}
