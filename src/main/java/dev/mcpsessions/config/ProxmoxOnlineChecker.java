package dev.mcpsessions.config;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.mcpsessions.McpProperties;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Asks a Proxmox host whether an entry works: reachable, realm known ({@code /access/domains}),
 * credentials accepted ({@code /version}), some privilege granted ({@code /access/permissions}).
 * Each request ends within {@code mcp.proxmox.timeout}. Stops at the first problem: the later
 * checks would only fail for the same reason.
 */
@Component
public class ProxmoxOnlineChecker {

    private static final Logger log = LoggerFactory.getLogger(ProxmoxOnlineChecker.class);

    private final ProxmoxHttp http;

    @Autowired
    public ProxmoxOnlineChecker(McpProperties properties) {
        this(properties.proxmox().timeout());
    }

    public ProxmoxOnlineChecker(Duration timeout) {
        this.http = new ProxmoxHttp(timeout);
    }

    Duration timeout() {
        return http.timeout();
    }

    /**
     * @param server an entry without errors (from {@link CheckedTemplate#usable()})
     * @param environment where the entry's credential variable is resolved
     * @return the problems found; empty when the entry works
     */
    public List<Problem> check(ProxmoxServer server, Map<String, String> environment) {
        List<Problem> problems = new ArrayList<>();
        try {
            runChecks(server, environment, problems);
        } catch (IOException e) {
            problems.add(OnlineFailures.problem(e, server));
        } catch (IllegalArgumentException e) {
            // the JDK refuses a URI it cannot form (e.g. an unusual IPv6 zone id); nothing was sent
            problems.add(ProblemCode.PROXMOX_UNREACHABLE.at("servers." + server.name() + ".host",
                    "No URL can be formed for host " + server.host() + ".", "Use a DNS name or a plain address."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add(ProblemCode.PROXMOX_TIMEOUT.at("servers." + server.name(),
                    "The online check was interrupted.", "Run it again."));
        }
        log.debug("Online check of {} at {}:{}: {}", server.name(), server.host(), server.port(),
                problems.isEmpty() ? "ok" : problems.stream().map(Problem::code).toList());
        return problems;
    }

    private void runChecks(ProxmoxServer server, Map<String, String> env, List<Problem> problems)
            throws IOException, InterruptedException {
        String path = "servers." + server.name();
        URI base = server.baseUri();
        http.probe(server.host().replace("[", "").replace("]", ""), server.port());
        ProxmoxHttp.Response domains = http.send(server.verifySsl(),
                ProxmoxHttp.request(base, "/api2/json/access/domains"));
        JsonNode realms = data(domains);
        if (domains.status() != 200 || realms == null || !realms.isArray()) {
            problems.add(unexpected(server, "GET /api2/json/access/domains", domains.status()));
            return;
        }
        List<String> known = new ArrayList<>();
        realms.forEach(r -> known.add(r.path("realm").asString("")));
        if (!known.contains(server.realm())) {
            problems.add(ProblemCode.REALM_UNKNOWN.at(path + ".realm", "Realm '" + server.realm() + "' does not exist on "
                    + server.host() + "; it has " + String.join(", ", known) + "."
                    + DidYouMean.phrase(server.realm(), known),
                    "Use one of those realms, as listed under Datacenter > Permissions > Realms."));
            return;
        }
        String secret = env.getOrDefault(server.credentialEnvVar(), "");
        if (secret.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            problems.add(ProblemCode.AUTHENTICATION_FAILED.at(path + "." + (server.usesToken() ? "token" : "password")
                    + "_env_var", "The value of " + server.credentialEnvVar() + " contains a control character "
                    + "(a trailing newline?), which no login accepts.",
                    "Set it again without the newline: read -rs " + server.credentialEnvVar() + " && export "
                            + server.credentialEnvVar()));
            return;
        }
        String auth;
        String authKind;
        if (server.usesToken()) {
            auth = "PVEAPIToken=" + server.tokenId() + "=" + secret;
            authKind = "Authorization";
        } else {
            auth = ticket(server, secret, problems);
            if (auth == null) {
                return;
            }
            authKind = "Cookie";
        }
        ProxmoxHttp.Response version = http.send(server.verifySsl(),
                ProxmoxHttp.request(base, "/api2/json/version").header(authKind, auth));
        if (refused(server, version, problems, "GET /api2/json/version")) {
            return;
        }
        ProxmoxHttp.Response permissions = http.send(server.verifySsl(),
                ProxmoxHttp.request(base, "/api2/json/access/permissions").header(authKind, auth));
        if (refused(server, permissions, problems, "GET /api2/json/access/permissions")) {
            return;
        }
        JsonNode granted = data(permissions);
        boolean any = granted != null && granted.isObject()
                && granted.properties().stream().anyMatch(e -> !e.getValue().isEmpty());
        if (!any) {
            problems.add(ProblemCode.PERMISSION_DENIED.at(path, server.usesToken()
                    ? "Token " + server.tokenId() + " logs in but holds no privilege, so the MCP server would see nothing."
                    : "User " + server.userId() + " logs in but holds no privilege, so the MCP server would see nothing.",
                    grantHint(server)));
        }
    }

    /** Password login: the ticket as a cookie value, or null after adding why there is none. */
    private @Nullable String ticket(ProxmoxServer server, String password, List<Problem> problems)
            throws IOException, InterruptedException {
        String form = "username=" + URLEncoder.encode(server.userId(), StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        ProxmoxHttp.Response response = http.send(server.verifySsl(),
                ProxmoxHttp.request(server.baseUri(), "/api2/json/access/ticket")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (refused(server, response, problems, "POST /api2/json/access/ticket")) {
            return null;
        }
        JsonNode data = data(response);
        String ticket = data == null ? "" : data.path("ticket").asString("");
        if (ticket.isEmpty()) {
            problems.add(unexpected(server, "POST /api2/json/access/ticket", response.status()));
            return null;
        }
        return "PVEAuthCookie=" + ticket;
    }

    /** Adds the problem for a non-200 answer; true when there was one. */
    private boolean refused(ProxmoxServer server, ProxmoxHttp.Response response, List<Problem> problems, String what) {
        String path = "servers." + server.name();
        String who = server.usesToken() ? "token " + server.tokenId() : "user " + server.userId();
        switch (response.status()) {
            case 200 -> {
                return false;
            }
            case 401 -> problems.add(ProblemCode.AUTHENTICATION_FAILED.at(
                    path + (server.usesToken() ? ".token_env_var" : ".password_env_var"),
                    server.host() + " rejected " + who + " (HTTP 401 on " + what + ").",
                    server.usesToken()
                            ? "Check that the token exists under Datacenter > Permissions > API Tokens with exactly "
                                    + "this user, realm and Token ID, is not expired, and that " + server.tokenEnvVar()
                                    + " holds its secret (shown once, when the token was created)."
                            : "Check the user, realm and the password in " + server.passwordEnvVar() + "."));
            case 403 -> problems.add(ProblemCode.PERMISSION_DENIED.at(path,
                    server.host() + " denied " + who + " (HTTP 403 on " + what + ").", grantHint(server)));
            default -> problems.add(unexpected(server, what, response.status()));
        }
        return true;
    }

    private static String grantHint(ProxmoxServer server) {
        String target = server.usesToken() ? "--tokens '" + server.tokenId() + "'" : "--users '" + server.userId() + "'";
        return "Grant a role on /, e.g. pveum acl modify / " + target + " --roles PVEAuditor "
                + "(a privilege-separated token needs its own grant besides the user's).";
    }

    private static Problem unexpected(ProxmoxServer server, String what, int status) {
        return ProblemCode.PROXMOX_UNEXPECTED_RESPONSE.at("servers." + server.name() + ".host",
                server.host() + ":" + server.port() + " answered " + what + " with HTTP " + status
                        + " and no Proxmox data.",
                "Check that host and port point at the Proxmox VE API (port 8006), not at a proxy or another service.");
    }

    private static @Nullable JsonNode data(ProxmoxHttp.Response response) {
        try {
            JsonNode root = TemplateJson.MAPPER.readTree(response.body());
            return root == null ? null : root.get("data");
        } catch (JacksonException e) {
            return null;
        }
    }
}
