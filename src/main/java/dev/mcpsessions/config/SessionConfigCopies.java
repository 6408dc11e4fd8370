package dev.mcpsessions.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.mcpsessions.home.AtomicFiles;
import dev.mcpsessions.home.ManagerHome;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Writes the per-session config copy a server is started with, in
 * {@code <home>/configs/<session>/<server>/}. A JSON document with a top-level {@code servers}
 * is a Proxmox template and becomes ProxmoxMCP's file ({@code PROXMOX_MCP_CONFIG}); anything else
 * is a generic {@code ${VAR}} template, copied under its own name ({@code MCP_CONFIG_FILE}).
 */
@Service
public class SessionConfigCopies {

    /** Points a server at its generic copy. */
    public static final String GENERIC_CONFIG_ENV = "MCP_CONFIG_FILE";

    private static final Logger log = LoggerFactory.getLogger(SessionConfigCopies.class);
    // a template with a syntax error still shows what it was meant to be
    private static final Pattern SERVERS_FIELD = Pattern.compile("\"servers\"\\s*:");

    /**
     * @param extraEnv variables to add to the server's environment (paths only, no secrets)
     * @param files the copies written (they hold secrets: never log or serve their content)
     * @param warnings problems that do not stop the start, worth a line in the server's log
     */
    public record Prepared(Map<String, String> extraEnv, List<Path> files, List<Problem> warnings) {
    }

    private final ManagerHome home;
    private final ProxmoxConfigValidator validator;
    private final ProxmoxMcpConfigRenderer proxmoxRenderer;
    private final TemplateConfigRenderer templateRenderer;

    public SessionConfigCopies(ManagerHome home, ProxmoxConfigValidator validator,
            ProxmoxMcpConfigRenderer proxmoxRenderer, TemplateConfigRenderer templateRenderer) {
        this.home = home;
        this.validator = validator;
        this.proxmoxRenderer = proxmoxRenderer;
        this.templateRenderer = templateRenderer;
    }

    /**
     * Validates the template against the server's environment and writes a fresh copy, replacing
     * any earlier one of this server.
     *
     * @param environment the server's environment (session environment, then the spec's env)
     * @throws InvalidConfigException with the report when the copy cannot be made
     */
    public Prepared prepare(ConfigRef ref, String session, String server, Map<String, String> environment) {
        Path dir = home.configCopyDir(session, server);
        if (!ref.file().isAbsolute()) {
            throw new InvalidConfigException(ValidationReport.ofProblem(ProblemCode.CONFIG_FILE_UNREADABLE.at(
                    Problem.ROOT, "The config file " + ref.file() + " is a relative path.",
                    "Give its absolute path; the manager does not run in your directory.")));
        }
        String text = TemplateFiles.read(ref.file());
        Prepared prepared = isProxmoxTemplate(text)
                ? proxmox(text, ref.server(), session, server, environment, dir)
                : generic(ref.file(), text, environment, dir);
        log.info("Config copy for session {} server {} written from {} ({} warnings)", session, server,
                ref.file(), prepared.warnings().size());
        return prepared;
    }

    /** Removes the server's copies, e.g. when its spec is deleted; the session's end removes them all. */
    public void discard(String session, String server) {
        AtomicFiles.deleteRecursively(home.configCopyDir(session, server));
    }

    private Prepared proxmox(String text, @Nullable String entry, String session, String server,
            Map<String, String> environment, Path dir) {
        CheckedTemplate checked = validator.check(text, environment);
        String chosen = chooseEntry(checked, entry);
        ValidationReport report = checked.reportFor(chosen);
        ProxmoxServer usable = checked.usable(chosen).orElse(null);
        if (!report.valid() || usable == null) {
            throw new InvalidConfigException(report);
        }
        AtomicFiles.deleteRecursively(dir);
        Path logFile = home.logsDir(session).resolve(server + ".proxmox-mcp.log");
        Map<String, String> env = proxmoxRenderer.render(usable, environment, dir, logFile);
        return new Prepared(env, List.of(Path.of(env.get(ProxmoxMcpConfigRenderer.CONFIG_ENV))), report.warnings());
    }

    private static String chooseEntry(CheckedTemplate checked, @Nullable String entry) {
        if (!checked.report().valid() && checked.entries().isEmpty()) {
            throw new InvalidConfigException(checked.report());
        }
        if (entry == null || entry.isBlank()) {
            if (checked.entries().size() == 1) {
                return checked.entries().get(0);
            }
            throw new InvalidConfigException(ValidationReport.ofProblem(ProblemCode.CONFIG_SERVER_REQUIRED.at(
                    "servers", "The template has " + checked.entries().size() + " entries: "
                            + String.join(", ", checked.entries()) + "; which one is meant?",
                    "Name it: --config-server NAME (API: \"config\": {\"file\": ..., \"server\": NAME}).")));
        }
        if (!checked.entries().contains(entry)) {
            throw new InvalidConfigException(ValidationReport.ofProblem(ProblemCode.CONFIG_SERVER_UNKNOWN.at(
                    "servers." + entry, "The template has no entry '" + entry + "'; it has "
                            + String.join(", ", checked.entries()) + "." + DidYouMean.phrase(entry, checked.entries()),
                    "Use one of the names under \"servers\".")));
        }
        return entry;
    }

    private Prepared generic(Path file, String text, Map<String, String> environment, Path dir) {
        String name = file.getFileName().toString();
        String rendered = templateRenderer.render(text, environment, name);
        List<Problem> warnings = templateRenderer.check(text, environment, name);
        AtomicFiles.deleteRecursively(dir);
        Path copy = dir.resolve(name).toAbsolutePath();
        AtomicFiles.write(copy, rendered);
        // a hand-written ProxmoxMCP file with placeholders works as well as a template
        Map<String, String> env = isProxmoxMcpFile(rendered)
                ? Map.of(GENERIC_CONFIG_ENV, copy.toString(), ProxmoxMcpConfigRenderer.CONFIG_ENV, copy.toString())
                : Map.of(GENERIC_CONFIG_ENV, copy.toString());
        return new Prepared(env, List.of(copy), warnings);
    }

    static boolean isProxmoxTemplate(String text) {
        JsonNode root = parseQuietly(text);
        return root != null ? root.isObject() && root.has("servers") : SERVERS_FIELD.matcher(text).find();
    }

    private static boolean isProxmoxMcpFile(String text) {
        JsonNode root = parseQuietly(text);
        return root != null && root.isObject() && root.has("proxmox") && root.has("auth");
    }

    private static @Nullable JsonNode parseQuietly(String text) {
        try {
            return TemplateJson.MAPPER.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }
}
