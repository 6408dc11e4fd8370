package dev.mcpsessions.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * Offline validation of a Proxmox template ({@code {"servers": {"pve1": {...}}}}, DESIGN section 8):
 * syntax, structure, every field's format, and the environment variables it names. Never throws
 * for bad input; everything wrong becomes a {@link Problem}.
 */
@Component
public class ProxmoxConfigValidator {

    private static final Set<String> TOP_FIELDS = Set.of("servers");

    /**
     * @param json the template's text
     * @param environment where {@code *_env_var} names are resolved (the CLI's or the session's)
     */
    public ValidationReport validate(String json, Map<String, String> environment) {
        return check(json, environment).report();
    }

    /** Like {@link #validate} but also hands back the entries that can be used. */
    public CheckedTemplate check(String json, Map<String, String> environment) {
        List<Problem> problems = new ArrayList<>();
        JsonNode root = TemplateJson.parse(json, problems);
        if (root == null) {
            return CheckedTemplate.failed(problems);
        }
        if (!root.isObject()) {
            problems.add(ProblemCode.NOT_AN_OBJECT.at(Problem.ROOT, "The document is not a JSON object.",
                    "A template looks like {\"servers\": {\"pve1\": {\"host\": ...}}}; "
                            + "see config/proxmox-servers.example.json."));
            return CheckedTemplate.failed(problems);
        }
        JsonNode servers = root.get("servers");
        if (servers == null || servers.isNull()) {
            problems.add(serversMissing(root));
            return CheckedTemplate.failed(problems);
        }
        for (String field : root.propertyNames()) {
            if (!TOP_FIELDS.contains(field)) {
                problems.add(ProblemCode.UNKNOWN_FIELD.at(field, "Unknown top-level field '" + field + "'."
                        + DidYouMean.phrase(field, TOP_FIELDS), "The document has one field, \"servers\"."));
            }
        }
        if (!servers.isObject()) {
            problems.add(ProblemCode.WRONG_TYPE.at("servers", "servers must be an object of named entries.",
                    "Write \"servers\": {\"pve1\": {...}, \"pve2\": {...}}."));
            return CheckedTemplate.failed(problems);
        }
        if (servers.isEmpty()) {
            problems.add(ProblemCode.SERVERS_EMPTY.at("servers", "servers has no entries.",
                    "Add one, e.g. \"pve1\": {\"host\": \"pve.example.lan\", \"username\": \"mcp\", ...}."));
        }
        List<String> entries = new ArrayList<>();
        Map<String, ProxmoxServer> usable = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : servers.properties()) {
            entries.add(e.getKey());
            if (!e.getValue().isObject()) {
                problems.add(ProblemCode.WRONG_TYPE.at("servers." + e.getKey(),
                        "servers." + e.getKey() + " must be an object.",
                        "Write \"" + e.getKey() + "\": {\"host\": \"pve.example.lan\", \"username\": \"mcp\", ...}."));
                continue;
            }
            ServerEntryRules.Result result = ServerEntryRules.check(e.getKey(), e.getValue(), environment);
            problems.addAll(result.problems());
            if (result.server() != null) {
                usable.put(e.getKey(), result.server());
            }
        }
        return new CheckedTemplate(ValidationReport.of(problems), entries, usable);
    }

    private static Problem serversMissing(JsonNode root) {
        if (root.has("proxmox") || root.has("auth")) {
            return ProblemCode.SERVERS_MISSING.at("servers",
                    "This looks like a ProxmoxMCP config file; the manager expects a template with \"servers\".",
                    "Write a template as in config/proxmox-servers.example.json; the manager writes the "
                            + "ProxmoxMCP file for each session itself, with the secret taken from the environment.");
        }
        String guess = root.propertyNames().stream()
                .filter(name -> DidYouMean.suggest(name, TOP_FIELDS) != null)
                .map(name -> " Found '" + name + "'; did you mean 'servers'?")
                .findFirst().orElse("");
        return ProblemCode.SERVERS_MISSING.at("servers", "The document has no \"servers\" object." + guess,
                "Write {\"servers\": {\"pve1\": {\"host\": ...}}}; see config/proxmox-servers.example.json.");
    }
}
