package dev.mcpsessions.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Which credential an entry authenticates with, and whether it can: the API token when
 * token_env_var is set, else the password.
 */
final class CredentialRules {

    record Result(List<Problem> problems, @Nullable String tokenName, @Nullable String tokenEnvVar,
            @Nullable String passwordEnvVar) {
    }

    private CredentialRules() {
    }

    /**
     * @param text reads a string field (reporting a wrong type); null when missing
     * @param missing whether a field is absent, null or blank
     */
    static Result check(String path, Function<String, @Nullable String> text, Predicate<String> missing,
            Map<String, String> env) {
        List<Problem> problems = new ArrayList<>();
        String tokenName = text.apply("token_name");
        String tokenVar = text.apply("token_env_var");
        String passwordVar = text.apply("password_env_var");
        boolean token = !missing.test("token_env_var");
        boolean password = !missing.test("password_env_var");

        if (tokenName != null) {
            Problem p = tokenNameProblem(path + ".token_name", tokenName, env);
            if (p != null) {
                problems.add(p);
            }
        }
        if (token && tokenName == null && missing.test("token_name")) {
            problems.add(ProblemCode.TOKEN_NAME_MISSING.at(path + ".token_name",
                    "token_env_var is set but token_name is missing; a token is addressed as user@realm!name.",
                    "Add \"token_name\": \"mcp\" with the Token ID you gave the token in Proxmox "
                            + "(Datacenter > Permissions > API Tokens)."));
        }
        if (tokenVar != null) {
            add(problems, EnvVarRules.check(path + ".token_env_var", "token_env_var", tokenVar, env, true));
        }
        if (passwordVar != null) {
            add(problems, EnvVarRules.check(path + ".password_env_var", "password_env_var", passwordVar, env, !token));
        }
        if (!token && !password) {
            problems.add(ProblemCode.NO_CREDENTIALS.at(path,
                    "Neither token_env_var nor password_env_var is set: there is nothing to log in with.",
                    "Create an API token (docs/proxmox.md), export its secret as PVE_TOKEN and add "
                            + "\"token_name\": \"mcp\", \"token_env_var\": \"PVE_TOKEN\"."));
        } else if (!token) {
            String unusedName = tokenName == null ? "" : " (token_name is set, but without token_env_var it is unused)";
            problems.add(ProblemCode.PASSWORD_AUTH.at(path + ".password_env_var",
                    "The entry logs in with a password" + unusedName
                            + "; API tokens are safer and ProxmoxMCP accepts only tokens.",
                    "Create a privilege-separated API token with the PVEAuditor role and set token_name and "
                            + "token_env_var (docs/proxmox.md)."));
        }
        return new Result(problems, tokenName, tokenVar, passwordVar);
    }

    private static @Nullable Problem tokenNameProblem(String path, String tokenName, Map<String, String> env) {
        if (EnvVarRules.looksLikeSecret(tokenName, env)) {
            return ProblemCode.SECRET_IN_TEMPLATE.at(path, "token_name seems to hold the token's secret.",
                    "token_name is the Token ID (e.g. \"mcp\"); the secret goes into the variable named by "
                            + "token_env_var. Rotate the token if the file was shared.");
        }
        if (ServerEntryRules.REALM_OR_TOKEN.matcher(tokenName).matches()) {
            return null;
        }
        int bang = tokenName.lastIndexOf('!');
        String hint = bang >= 0 && bang < tokenName.length() - 1
                ? "token_name is only the part after '!': write \"token_name\": \"" + tokenName.substring(bang + 1)
                        + "\"; user and realm have their own fields."
                : "A token name starts with a letter, then 1 to 31 letters, digits, '.', '_' or '-', e.g. \"mcp\".";
        return ProblemCode.TOKEN_NAME_INVALID.at(path, "token_name '" + tokenName + "' is not a valid token name.",
                hint);
    }

    private static void add(List<Problem> problems, @Nullable Problem problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }
}
