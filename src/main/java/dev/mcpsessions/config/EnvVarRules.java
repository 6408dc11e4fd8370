package dev.mcpsessions.config;

import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A {@code *_env_var} field holds the NAME of a variable; the secret stays in the environment.
 * None of these messages shows what the field or the variable holds.
 */
final class EnvVarRules {

    static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    private static final Pattern SYMBOL_FREE = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern UUID = Pattern.compile(
            "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");

    private EnvVarRules() {
    }

    /**
     * @param field the field's name, e.g. token_env_var
     * @param used whether the credential in it is the one that authenticates (the other is only a fallback)
     */
    static @Nullable Problem check(String path, String field, String name, Map<String, String> env, boolean used) {
        String example = field.startsWith("token") ? "PVE_TOKEN" : "PVE_PASSWORD";
        if (looksLikeSecret(name, env)) {
            return ProblemCode.ENV_VAR_HOLDS_SECRET.at(path,
                    field + " seems to hold a secret value instead of the name of an environment variable.",
                    "Remove the secret from the file (and rotate it if the file was shared), export it as "
                            + example + "=... in your shell, and write \"" + field + "\": \"" + example + "\".");
        }
        if (!NAME.matcher(name).matches()) {
            return ProblemCode.ENV_VAR_NAME_INVALID.at(path,
                    field + " is not a valid environment variable name.",
                    "Use letters, digits and '_', not starting with a digit, e.g. \"" + example + "\".");
        }
        Severity severity = used ? Severity.ERROR : Severity.WARNING;
        String role = used ? "" : " (not used while token_env_var is set)";
        String value = env.get(name);
        if (value == null) {
            return ProblemCode.ENV_VAR_UNSET.at(path, severity,
                    "Environment variable " + name + " named by " + field + " is not set" + role + ".",
                    "Run: export " + name + "=... in the shell that runs the CLI (or the session's "
                            + "environment), then try again.");
        }
        if (value.isBlank()) {
            return ProblemCode.ENV_VAR_EMPTY.at(path, severity,
                    "Environment variable " + name + " named by " + field + " is empty" + role + ".",
                    "Give it the secret: export " + name + "=...");
        }
        return null;
    }

    /**
     * Heuristics for a pasted secret: a Proxmox token secret (a UUID), a token header, the value
     * of a variable of the environment, or a long string that no one would name a variable.
     */
    static boolean looksLikeSecret(String text, Map<String, String> env) {
        if (UUID.matcher(text).find() || text.contains("PVEAPIToken") || text.contains("!") && text.contains("=")) {
            return true;
        }
        if (text.length() >= 6 && env.containsValue(text) && !env.containsKey(text)) {
            return true;
        }
        boolean validName = NAME.matcher(text).matches();
        if (!validName) {
            // PVE-TOKEN is a mistyped name; a long string with symbols is a password or base64
            return text.length() >= 16 && !SYMBOL_FREE.matcher(text).matches();
        }
        boolean lower = text.chars().anyMatch(Character::isLowerCase);
        boolean upper = text.chars().anyMatch(Character::isUpperCase);
        boolean digit = text.chars().anyMatch(Character::isDigit);
        return text.length() >= 20 && lower && upper && digit && text.indexOf('_') < 0;
    }
}
