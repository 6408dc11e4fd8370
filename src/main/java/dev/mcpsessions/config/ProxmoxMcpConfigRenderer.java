package dev.mcpsessions.config;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.mcpsessions.home.AtomicFiles;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the config file ProxmoxMCP reads ({@code {"proxmox":{...},"auth":{...},"logging":{...}}})
 * for one template entry. The file holds the token secret, since that is what the server reads:
 * it is 0600 in a 0700 directory and must never be logged or served by the API.
 */
@Component
public class ProxmoxMcpConfigRenderer {

    /** The variable ProxmoxMCP reads its config file's path from. */
    public static final String CONFIG_ENV = "PROXMOX_MCP_CONFIG";
    public static final String FILE_NAME = "proxmox-mcp.json";

    /**
     * @param server a valid entry that authenticates with a token (ProxmoxMCP knows no passwords)
     * @param environment holds the token secret under {@code server.tokenEnvVar()}
     * @param targetDir the server's copy directory, e.g. {@code ManagerHome.configCopyDir(session, server)}
     * @param logFile where ProxmoxMCP writes its own log, inside the session's log directory
     * @return the variables to add to the server's environment
     * @throws InvalidConfigException when the entry has no token or its variable is unset
     */
    public Map<String, String> render(ProxmoxServer server, Map<String, String> environment, Path targetDir,
            Path logFile) {
        String path = "servers." + server.name();
        if (!server.usesToken()) {
            throw new InvalidConfigException(ValidationReport.ofProblem(ProblemCode.TOKEN_REQUIRED.at(
                    path + ".token_env_var", "ProxmoxMCP logs in only with an API token; this entry has a password.",
                    "Create an API token (docs/proxmox.md) and set token_name and token_env_var.")));
        }
        String secret = environment.get(server.tokenEnvVar());
        if (secret == null || secret.isBlank()) {
            throw new InvalidConfigException(ValidationReport.ofProblem(ProblemCode.ENV_VAR_UNSET.at(
                    path + ".token_env_var", "Environment variable " + server.tokenEnvVar() + " is not set.",
                    "Run: export " + server.tokenEnvVar() + "=... and start the server again.")));
        }
        ObjectNode root = TemplateJson.MAPPER.createObjectNode();
        root.putObject("proxmox")
                .put("host", server.host())
                .put("port", server.port())
                .put("verify_ssl", server.verifySsl())
                .put("service", "PVE");
        root.putObject("auth")
                .put("user", server.userId())
                .put("token_name", server.tokenName())
                .put("token_value", secret);
        root.putObject("logging")
                .put("level", "INFO")
                .put("file", logFile.toAbsolutePath().toString());
        AtomicFiles.createPrivateDirectories(logFile.toAbsolutePath().getParent());
        Path file = targetDir.resolve(FILE_NAME).toAbsolutePath();
        AtomicFiles.write(file, TemplateJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        return Map.of(CONFIG_ENV, file.toString());
    }
}
