package dev.mcpsessions.config;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Parses a template strictly and turns a syntax error into a problem with its line and column. */
final class TemplateJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:Object property|field) \"([^\"]*)\"");
    // a parser message quotes the offending token, which may be a pasted secret
    private static final Pattern QUOTED = Pattern.compile("'([^']{2,})'|\"([^\"]{2,})\"");
    private static final List<String> KEYWORDS = List.of("null", "true", "false");

    private TemplateJson() {
    }

    /** The document's root node, or null after adding the problem to {@code problems}. */
    static @Nullable JsonNode parse(String json, List<Problem> problems) {
        if (json.isBlank()) {
            problems.add(ProblemCode.JSON_SYNTAX.at(Problem.ROOT, "The document is empty.",
                    "Start from config/proxmox-servers.example.json."));
            return null;
        }
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || root.isMissingNode()) {
                problems.add(ProblemCode.JSON_SYNTAX.at(Problem.ROOT, "The document holds no JSON value.",
                        "Start from config/proxmox-servers.example.json."));
                return null;
            }
            return root;
        } catch (JacksonException e) {
            problems.add(syntaxProblem(e));
            return null;
        }
    }

    private static Problem syntaxProblem(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        String original = firstLine(e.getOriginalMessage());
        Matcher duplicate = DUPLICATE.matcher(original);
        if (duplicate.find()) {
            return ProblemCode.DUPLICATE_FIELD.at(Problem.ROOT,
                    "Field '" + duplicate.group(1) + "' appears twice in one object" + where + ".",
                    "Keep one of them; JSON readers disagree about which one wins.");
        }
        return ProblemCode.JSON_SYNTAX.at(Problem.ROOT, "Invalid JSON" + where + ": " + redact(original),
                "Check quotes, commas and braces near that position; strings need double quotes, "
                        + "and JSON allows no comments or trailing commas.");
    }

    static String redact(String message) {
        Matcher m = QUOTED.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String token = m.group(1) != null ? m.group(1) : m.group(2);
            String keep = KEYWORDS.contains(token) ? m.group() : m.group().charAt(0) + "..." + m.group().charAt(0);
            m.appendReplacement(out, Matcher.quoteReplacement(keep));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String firstLine(@Nullable String text) {
        if (text == null) {
            return "unreadable input";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
