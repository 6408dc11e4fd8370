package dev.mcpsessions.config;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One finding about a configuration. Never carries a secret value: messages name fields and
 * variables, not what they hold.
 *
 * @param path where it is, e.g. {@code servers.pve1.token_name}; {@code $} for the whole document
 * @param code stable identifier, listed with its fix in docs/proxmox.md
 * @param severity ERROR makes the configuration invalid
 * @param message what is wrong
 * @param hint how to fix it
 */
public record Problem(String path, String code, Severity severity, String message, String hint) {

    /** Path of the whole document. */
    public static final String ROOT = "$";

    @JsonIgnore // derived from severity; not part of the API's problem format
    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
