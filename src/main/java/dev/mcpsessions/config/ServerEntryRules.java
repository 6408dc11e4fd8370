package dev.mcpsessions.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/** The rules for one entry under {@code servers}, following Proxmox VE's own formats. */
final class ServerEntryRules {

    static final Map<String, String> FIELDS = exampleValues();
    /** Realm ids and token names share Proxmox VE's format. */
    static final Pattern REALM_OR_TOKEN = Pattern.compile("^[A-Za-z][A-Za-z0-9._-]{1,31}$");
    private static final Pattern USER = Pattern.compile("^[^\\s:/@]{1,60}$");
    // fields people add to hold a credential itself; compared without case, '_' and '-'
    private static final Set<String> SECRET_FIELDS = Set.of("password", "passwd", "pass", "token", "tokenvalue",
            "tokensecret", "secret", "apitoken", "apikey", "apisecret");

    record Result(List<Problem> problems, @Nullable ProxmoxServer server) {
    }

    private final String name;
    private final String path;
    private final JsonNode entry;
    private final Map<String, String> env;
    private final List<Problem> problems = new ArrayList<>();

    private ServerEntryRules(String name, JsonNode entry, Map<String, String> env) {
        this.name = name;
        this.path = "servers." + name;
        this.entry = entry;
        this.env = env;
    }

    static Result check(String name, JsonNode entry, Map<String, String> env) {
        return new ServerEntryRules(name, entry, env).run();
    }

    private Result run() {
        for (String field : entry.propertyNames()) {
            unknownField(field);
        }
        String host = requiredText("host", ProblemCode.HOST_MISSING, "The Proxmox host is missing.");
        if (host != null) {
            add(HostRule.check(at("host"), host));
        }
        int port = port();
        String username = requiredText("username", ProblemCode.USERNAME_MISSING, "The Proxmox user name is missing.");
        String realm = text("realm");
        userAndRealm(username, realm);
        CredentialRules.Result credentials = CredentialRules.check(path, this::text, this::isMissing, env);
        problems.addAll(credentials.problems());
        boolean verifySsl = verifySsl();
        if (problems.stream().anyMatch(Problem::isError) || host == null || username == null || realm == null) {
            return new Result(problems, null);
        }
        return new Result(problems, new ProxmoxServer(name, host, port, username, realm,
                credentials.tokenName(), credentials.tokenEnvVar(), credentials.passwordEnvVar(), verifySsl));
    }

    private void unknownField(String field) {
        if (FIELDS.containsKey(field)) {
            return;
        }
        String normalized = field.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        if (SECRET_FIELDS.contains(normalized)) {
            problems.add(ProblemCode.SECRET_IN_TEMPLATE.at(at(field),
                    "Field '" + field + "' would put a credential into the template.",
                    "Delete it (and rotate the secret if the file was shared). Export the secret in your shell and "
                            + "name the variable in token_env_var or password_env_var."));
            return;
        }
        problems.add(ProblemCode.UNKNOWN_FIELD.at(at(field), "Unknown field '" + field + "'."
                + DidYouMean.phrase(field, FIELDS.keySet()), "Known fields: " + String.join(", ", FIELDS.keySet()) + "."));
    }

    private int port() {
        JsonNode node = entry.get("port");
        if (node == null || node.isNull()) {
            return ProxmoxServer.DEFAULT_PORT;
        }
        if (!node.isIntegralNumber()) {
            wrongType("port", "a whole number");
            return ProxmoxServer.DEFAULT_PORT;
        }
        int port = node.canConvertToInt() ? node.intValue() : -1;
        if (port < 1 || port > 65535) {
            problems.add(ProblemCode.PORT_OUT_OF_RANGE.at(at("port"), "port must be between 1 and 65535.",
                    "Proxmox VE listens on 8006; leave port out to use it."));
        }
        return port;
    }

    private void userAndRealm(@Nullable String username, @Nullable String realm) {
        if (username != null) {
            int at = username.indexOf('@');
            if (at >= 0) {
                String userPart = username.substring(0, at);
                String realmPart = username.substring(at + 1);
                problems.add(ProblemCode.USERNAME_HAS_REALM.at(at("username"),
                        "username '" + username + "' already contains a realm; the manager adds @realm itself.",
                        "Write \"username\": \"" + userPart + "\" and \"realm\": \"" + realmPart + "\"."));
            } else if (!USER.matcher(username).matches()) {
                problems.add(ProblemCode.USERNAME_INVALID.at(at("username"),
                        "username contains a space, ':' or '/', or is longer than 60 characters.",
                        "Use the user's name as Proxmox shows it under Datacenter > Permissions > Users, "
                                + "without the realm, e.g. \"mcp\"."));
            } else if (username.equals("root") && "pam".equals(realm)) {
                problems.add(ProblemCode.ROOT_USER.at(at("username"),
                        "root@pam can do everything, and so can tokens of root without privilege separation.",
                        "Create a dedicated user (e.g. mcp@pve) with a privilege-separated token "
                                + "and the PVEAuditor role; see docs/proxmox.md."));
            }
        }
        if (realm == null) {
            if (isMissing("realm") && (username == null || username.indexOf('@') < 0)) {
                problems.add(ProblemCode.REALM_MISSING.at(at("realm"), "The realm is missing.",
                        "Add \"realm\": \"pve\" for a Proxmox VE user or \"pam\" for a Linux user of the node."));
            }
        } else if (!REALM_OR_TOKEN.matcher(realm).matches()) {
            problems.add(ProblemCode.REALM_INVALID.at(at("realm"), "realm '" + realm + "' is not a valid realm id.",
                    "A realm id starts with a letter, then 1 to 31 letters, digits, '.', '_' or '-', "
                            + "e.g. \"pve\" or \"pam\"."));
        }
    }

    private boolean verifySsl() {
        JsonNode node = entry.get("verify_ssl");
        if (node == null || node.isNull()) {
            return true;
        }
        if (!node.isBoolean()) {
            wrongType("verify_ssl", "true or false");
            return true;
        }
        if (!node.booleanValue()) {
            problems.add(ProblemCode.TLS_VERIFY_DISABLED.at(at("verify_ssl"),
                    "Certificate verification is off: anyone on the network path can read the credentials.",
                    "Give the node a certificate your system trusts (Node > System > Certificates, e.g. ACME), "
                            + "or trust the cluster CA, then set \"verify_ssl\": true."));
        }
        return node.booleanValue();
    }

    private @Nullable String requiredText(String field, ProblemCode whenMissing, String message) {
        String value = text(field);
        if (value == null && isMissing(field)) {
            problems.add(whenMissing.at(at(field), message,
                    "Add \"" + field + "\": " + FIELDS.get(field) + " to servers." + name + "."));
        }
        return value;
    }

    /** The field's string, or null when it is missing, blank or not a string (the last is reported). */
    private @Nullable String text(String field) {
        JsonNode node = entry.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            wrongType(field, "a string");
            return null;
        }
        String value = node.stringValue();
        return value.isBlank() ? null : value;
    }

    private boolean isMissing(String field) {
        JsonNode node = entry.get(field);
        return node == null || node.isNull() || node.isString() && node.stringValue().isBlank();
    }

    private void wrongType(String field, String expected) {
        String actual = entry.get(field).getNodeType().name().toLowerCase(Locale.ROOT);
        problems.add(ProblemCode.WRONG_TYPE.at(at(field), field + " must be " + expected + ", not " + actual + ".",
                "Write it as \"" + field + "\": " + FIELDS.get(field) + "."));
    }

    private void add(@Nullable Problem problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }

    private String at(String field) {
        return path + "." + field;
    }

    private static Map<String, String> exampleValues() {
        var fields = new java.util.LinkedHashMap<String, String>();
        fields.put("host", "\"pve.example.lan\"");
        fields.put("port", "8006");
        fields.put("username", "\"mcp\"");
        fields.put("realm", "\"pve\"");
        fields.put("token_name", "\"mcp\"");
        fields.put("token_env_var", "\"PVE_TOKEN\"");
        fields.put("password_env_var", "\"PVE_PASSWORD\"");
        fields.put("verify_ssl", "true");
        return java.util.Collections.unmodifiableMap(fields);
    }
}
