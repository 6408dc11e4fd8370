package dev.mcpsessions.config;

import java.util.Locale;

/**
 * Every problem code with its usual severity. The kebab-case {@link #id()} is the stable
 * contract (API, CLI, docs/proxmox.md); the constant names may change.
 */
public enum ProblemCode {
    // the document
    JSON_SYNTAX, DUPLICATE_FIELD, NOT_AN_OBJECT, SERVERS_MISSING, SERVERS_EMPTY, WRONG_TYPE, UNKNOWN_FIELD,
    SECRET_IN_TEMPLATE,
    // one server entry
    HOST_MISSING, HOST_HAS_SCHEME, HOST_HAS_PATH, HOST_HAS_PORT, HOST_INVALID,
    PORT_OUT_OF_RANGE,
    USERNAME_MISSING, USERNAME_INVALID, USERNAME_HAS_REALM, ROOT_USER(Severity.WARNING),
    REALM_MISSING, REALM_INVALID,
    TOKEN_NAME_MISSING, TOKEN_NAME_INVALID,
    NO_CREDENTIALS, PASSWORD_AUTH(Severity.WARNING),
    ENV_VAR_NAME_INVALID, ENV_VAR_UNSET, ENV_VAR_EMPTY, ENV_VAR_HOLDS_SECRET,
    TLS_VERIFY_DISABLED(Severity.WARNING),
    // online checks
    PROXMOX_UNREACHABLE, PROXMOX_TIMEOUT, TLS_UNTRUSTED, TLS_HANDSHAKE_FAILED, PROXMOX_UNEXPECTED_RESPONSE,
    REALM_UNKNOWN, AUTHENTICATION_FAILED, PERMISSION_DENIED,
    // per-session copies
    CONFIG_FILE_UNREADABLE, CONFIG_SERVER_REQUIRED, CONFIG_SERVER_UNKNOWN, TOKEN_REQUIRED, PLACEHOLDER_INVALID;

    private final Severity severity;

    ProblemCode() {
        this(Severity.ERROR);
    }

    ProblemCode(Severity severity) {
        this.severity = severity;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public Severity severity() {
        return severity;
    }

    public Problem at(String path, String message, String hint) {
        return at(path, severity, message, hint);
    }

    public Problem at(String path, Severity severity, String message, String hint) {
        return new Problem(path, id(), severity, message, hint);
    }
}
