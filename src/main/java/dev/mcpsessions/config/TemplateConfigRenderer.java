package dev.mcpsessions.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.mcpsessions.home.AtomicFiles;

/**
 * The generic per-session copy: any text file with {@code ${VAR}} placeholders, filled from the
 * environment. {@code $${} writes a literal {@code ${}. In a {@code .json} file values are escaped
 * as JSON string content, so a quote in a password cannot break the document.
 */
@Component
public class TemplateConfigRenderer {

    /**
     * Every placeholder that cannot be filled, each unset variable once.
     *
     * @param source the template's name, used in problem paths ({@code name:line:column})
     */
    public List<Problem> check(String template, Map<String, String> environment, String source) {
        List<Problem> problems = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        scan(template, source, (name, where) -> {
            if (name == null) {
                problems.add(ProblemCode.PLACEHOLDER_INVALID.at(where,
                        "A placeholder is not closed or does not hold a valid variable name.",
                        "Write ${NAME} with NAME made of letters, digits and '_'; write $${ for a literal ${."));
            } else if (reported.add(name)) {
                String value = environment.get(name);
                if (value == null) {
                    problems.add(ProblemCode.ENV_VAR_UNSET.at(where, "Environment variable " + name + " is not set.",
                            "Run: export " + name + "=... in the shell that runs the CLI, then try again."));
                } else if (value.isEmpty()) {
                    problems.add(ProblemCode.ENV_VAR_EMPTY.at(where, Severity.WARNING,
                            "Environment variable " + name + " is empty; the copy gets an empty value.",
                            "Give it a value if the server needs one: export " + name + "=..."));
                }
            }
            return "";
        });
        return problems;
    }

    /** The filled-in text; throws {@link InvalidConfigException} when a placeholder cannot be filled. */
    public String render(String template, Map<String, String> environment, String source) {
        ValidationReport report = ValidationReport.of(check(template, environment, source));
        if (!report.valid()) {
            throw new InvalidConfigException(report);
        }
        boolean json = source.endsWith(".json");
        return scan(template, source, (name, where) -> {
            String value = environment.getOrDefault(name, "");
            return json ? jsonEscape(value) : value;
        });
    }

    /** Renders {@code templateFile} into {@code targetDir} under the same file name, 0600; returns the copy. */
    public Path renderTo(Path templateFile, Map<String, String> environment, Path targetDir) {
        String name = templateFile.getFileName().toString();
        String text = render(TemplateFiles.read(templateFile), environment, name);
        Path copy = targetDir.resolve(name).toAbsolutePath();
        AtomicFiles.write(copy, text);
        return copy;
    }

    private interface Placeholder {
        /** @param name the variable, or null for a broken placeholder; returns its replacement */
        String replace(@Nullable String name, String where);
    }

    private static String scan(String template, String source, Placeholder placeholder) {
        StringBuilder out = new StringBuilder(template.length());
        int line = 1;
        int lineStart = 0;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = i + 1;
            }
            if (template.startsWith("$${", i)) {
                out.append("${");
                i += 3;
                continue;
            }
            if (!template.startsWith("${", i)) {
                out.append(c);
                i++;
                continue;
            }
            String where = source + ":" + line + ":" + (i - lineStart + 1);
            int end = template.indexOf('}', i + 2);
            String name = end < 0 ? null : template.substring(i + 2, end);
            if (name == null || !EnvVarRules.NAME.matcher(name).matches()) {
                placeholder.replace(null, where);
                out.append("${");
                i += 2;
                continue;
            }
            out.append(placeholder.replace(name, where));
            i = end + 1;
        }
        return out.toString();
    }

    private static String jsonEscape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
