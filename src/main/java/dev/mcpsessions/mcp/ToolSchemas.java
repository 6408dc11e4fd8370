package dev.mcpsessions.mcp;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.mcpsessions.mcp.ComplianceReport.Check;
import tools.jackson.databind.JsonNode;

/**
 * Every tool's {@code inputSchema} (and {@code outputSchema}, when present) must be a JSON Schema
 * object with {@code "type": "object"}: clients build tool calls from it.
 */
final class ToolSchemas {

    private ToolSchemas() {}

    static Check check(List<JsonNode> tools) {
        List<String> problems = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        for (JsonNode tool : tools) {
            String name = tool.path("name").asString("?");
            String problem = problem(tool.path("inputSchema"), "inputSchema");
            if (problem == null && tool.has("outputSchema")) {
                problem = problem(tool.path("outputSchema"), "outputSchema");
            }
            if (problem != null) {
                problems.add(name + ": " + problem);
                evidence.add(tool.toString());
            }
        }
        if (!problems.isEmpty()) {
            return Check.fail("tool-schemas", String.join("; ", problems), String.join("\n", evidence));
        }
        return Check.pass("tool-schemas", tools.size() + " tools, each with an object inputSchema");
    }

    private static @Nullable String problem(JsonNode schema, String field) {
        if (schema.isMissingNode()) {
            return field + " is missing";
        }
        if (!schema.isObject()) {
            return field + " is not a JSON object";
        }
        if (!"object".equals(schema.path("type").asString(""))) {
            return field + " has no \"type\": \"object\"";
        }
        return null;
    }
}
