package dev.mcpsessions.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The last compliance or readiness result of a server ({@code ServerView.lastProbe}), read through
 * its JSON form so that the page does not depend on the probe's classes: a report with
 * {@code checks} becomes a table, anything else a list of fields.
 *
 * @param passed the report's verdict, null when it has none
 */
record ProbeView(@Nullable Boolean passed, List<Check> checks, List<SpecView.Item> fields) {

    record Check(String name, String status, String badge, String detail, String evidence) {}

    static @Nullable ProbeView of(@Nullable Object probe, JsonMapper json) {
        if (probe == null) {
            return null;
        }
        JsonNode node = json.valueToTree(probe);
        if (!node.isObject()) {
            return new ProbeView(null, List.of(), List.of(new SpecView.Item("result", node.asString(node.toString()))));
        }
        Boolean passed = node.has("passed") ? node.get("passed").asBoolean() : null;
        List<Check> checks = new ArrayList<>();
        for (JsonNode check : node.path("checks")) {
            String status = check.path("status").asString("");
            checks.add(new Check(check.path("name").asString(""), status, badge(status),
                    check.path("detail").asString(""), check.path("evidence").asString("")));
        }
        List<SpecView.Item> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getKey().equals("passed") && !field.getKey().equals("checks")) {
                JsonNode value = field.getValue();
                fields.add(new SpecView.Item(field.getKey(), value.isValueNode() ? value.asString("") : value.toString()));
            }
        }
        return new ProbeView(passed, checks, fields);
    }

    private static String badge(String status) {
        return switch (status) {
            case "PASS" -> "badge badge-ok";
            case "FAIL" -> "badge badge-bad";
            case "WARN" -> "badge badge-warn";
            default -> "badge badge-muted";
        };
    }
}
