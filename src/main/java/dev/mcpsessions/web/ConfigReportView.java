package dev.mcpsessions.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.mcpsessions.config.Problem;
import dev.mcpsessions.config.ValidationReport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A validation report laid over the pasted template: one table per {@code servers} entry, each
 * field with its problems beside it. Problems about the document as a whole, or about a field
 * that is not there to show, are listed above the tables.
 */
record ConfigReportView(boolean valid, int errors, int warnings, List<Problem> general, List<Entry> entries) {

    record Entry(String name, String path, List<Problem> problems, List<Field> fields) {}

    /** @param value what the template holds, masked where it could be a credential */
    record Field(String name, String path, String value, List<Problem> problems) {}

    /** The fields of an entry in the order of the template's documentation. */
    static final List<String> KNOWN = List.of("host", "port", "username", "realm", "token_name", "token_env_var",
            "password_env_var", "verify_ssl");

    static ConfigReportView of(String json, ValidationReport report, JsonMapper mapper) {
        List<Problem> unplaced = new ArrayList<>(report.problems());
        List<Entry> entries = new ArrayList<>();
        JsonNode servers = parse(json, mapper).path("servers");
        if (servers.isObject()) {
            for (Map.Entry<String, JsonNode> e : servers.properties()) {
                entries.add(entry(e.getKey(), e.getValue(), unplaced));
            }
        }
        int errors = (int) report.problems().stream().filter(Problem::isError).count();
        return new ConfigReportView(report.valid(), errors, report.problems().size() - errors, unplaced, entries);
    }

    private static Entry entry(String name, JsonNode node, List<Problem> unplaced) {
        String path = "servers." + name;
        Set<String> names = new LinkedHashSet<>(KNOWN);
        node.propertyNames().forEach(names::add);
        List<Field> fields = new ArrayList<>();
        for (String field : names) {
            String fieldPath = path + "." + field;
            List<Problem> problems = take(unplaced, fieldPath);
            JsonNode value = node.get(field);
            if (value != null || !problems.isEmpty()) {
                fields.add(new Field(field, fieldPath, value == null ? "(missing)" : shown(field, value), problems));
            }
        }
        return new Entry(name, path, take(unplaced, path), fields);
    }

    private static List<Problem> take(List<Problem> from, String path) {
        List<Problem> taken = from.stream().filter(p -> p.path().equals(path)).toList();
        from.removeAll(taken);
        return taken;
    }

    /** Names of variables and plain settings are shown; anything that may be a secret is not. */
    static String shown(String field, JsonNode value) {
        String f = field.toLowerCase(Locale.ROOT);
        boolean names = f.endsWith("_env_var") || f.equals("token_name");
        if (!names && (f.contains("pass") || f.contains("token") || f.contains("secret") || f.contains("key"))) {
            return SpecView.MASK;
        }
        if (value.isObject() || value.isArray()) {
            return value.isObject() ? "{…}" : "[…]";
        }
        return value.isString() ? value.asString() : value.toString();
    }

    private static JsonNode parse(@Nullable String json, JsonMapper mapper) {
        try {
            return json == null || json.isBlank() ? mapper.missingNode() : mapper.readTree(json);
        } catch (RuntimeException e) {
            return mapper.missingNode(); // the report already has the syntax problem
        }
    }
}
