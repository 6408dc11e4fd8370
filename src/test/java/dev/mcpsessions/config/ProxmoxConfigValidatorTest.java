package dev.mcpsessions.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.node.ObjectNode;

class ProxmoxConfigValidatorTest {

    static final String SECRET = "5f0c9a8e-2b7d-4c1e-9f3a-6d2e8b1c4a7f";
    static final Map<String, String> ENV = Map.of("PVE_TOKEN", SECRET, "PVE_PASSWORD", "hunter2-long-password",
            "PVE_EMPTY", "");
    static final String VALID = """
            {"servers": {"pve1": {"host": "pve.example.lan", "username": "mcp", "realm": "pve",
              "token_name": "mcp", "token_env_var": "PVE_TOKEN"}}}""";

    private final ProxmoxConfigValidator validator = new ProxmoxConfigValidator();

    /** One broken config per rule; each yields exactly its code. */
    static Stream<Arguments> oneBrokenConfigPerRule() {
        return Stream.of(
                Arguments.of("json-syntax", "{\"servers\": {\"pve1\": {\"host\": \"pve\",}}}"),
                Arguments.of("duplicate-field", VALID.replace("\"host\": \"pve.example.lan\",",
                        "\"host\": \"pve.example.lan\", \"host\": \"pve2\",")),
                Arguments.of("not-an-object", "[{\"host\": \"pve\"}]"),
                Arguments.of("servers-missing", "{}"),
                Arguments.of("servers-empty", "{\"servers\": {}}"),
                Arguments.of("wrong-type", with("port", "\"8006\"")),
                Arguments.of("unknown-field", with("verfy_ssl", "true")),
                Arguments.of("secret-in-template", with("token_value", "\"" + SECRET + "\"")),
                Arguments.of("host-missing", without("host")),
                Arguments.of("host-has-scheme", with("host", "\"https://pve.example.lan\"")),
                Arguments.of("host-has-path", with("host", "\"pve.example.lan/api2/json\"")),
                Arguments.of("host-has-port", with("host", "\"pve.example.lan:8006\"")),
                Arguments.of("host-invalid", with("host", "\"300.1.2.3\"")),
                Arguments.of("port-out-of-range", with("port", "70000")),
                Arguments.of("username-missing", without("username")),
                Arguments.of("username-invalid", with("username", "\"m c:p\"")),
                Arguments.of("username-has-realm", with("username", "\"mcp@pve\"")),
                Arguments.of("root-user", with(with("username", "\"root\""), "realm", "\"pam\"")),
                Arguments.of("realm-missing", without("realm")),
                Arguments.of("realm-invalid", with("realm", "\"9pve\"")),
                Arguments.of("token-name-missing", without("token_name")),
                Arguments.of("token-name-invalid", with("token_name", "\"mcp@pve!mcp\"")),
                Arguments.of("no-credentials", without(VALID, "token_env_var")),
                Arguments.of("password-auth", with(without(without(VALID, "token_env_var"), "token_name"),
                        "password_env_var", "\"PVE_PASSWORD\"")),
                Arguments.of("env-var-name-invalid", with("token_env_var", "\"PVE-TOKEN\"")),
                Arguments.of("env-var-unset", with("token_env_var", "\"PVE_TOKEN_MISSING\"")),
                Arguments.of("env-var-empty", with("token_env_var", "\"PVE_EMPTY\"")),
                Arguments.of("env-var-holds-secret", with("token_env_var", "\"" + SECRET + "\"")),
                Arguments.of("tls-verify-disabled", with("verify_ssl", "false")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneBrokenConfigPerRule")
    void eachRuleYieldsExactlyItsCode(String code, String json) {
        ValidationReport report = validator.validate(json, ENV);

        assertThat(report.codes()).containsExactly(code);
        Problem problem = report.problems().get(0);
        assertThat(report.valid()).isEqualTo(problem.severity() == Severity.WARNING);
        assertThat(problem.message()).isNotBlank();
        assertThat(problem.hint()).isNotBlank();
        assertThat(problem.toString()).doesNotContain(SECRET);
    }

    @Test
    void validTemplateHasNoProblems() {
        ValidationReport report = validator.validate(VALID, ENV);

        assertThat(report.valid()).isTrue();
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void reportSerializesAsTheApiFormat() {
        String json = TemplateJson.MAPPER.writeValueAsString(validator.validate("{\"servers\": {}}", ENV));

        assertThat(json).isEqualTo("{\"valid\":false,\"problems\":[{\"path\":\"servers\",\"code\":\"servers-empty\","
                + "\"severity\":\"ERROR\",\"message\":\"servers has no entries.\",\"hint\":\"Add one, e.g. "
                + "\\\"pve1\\\": {\\\"host\\\": \\\"pve.example.lan\\\", \\\"username\\\": \\\"mcp\\\", ...}.\"}]}");
    }

    @Test
    void shippedExampleIsValidOnceItsVariableIsSet() throws Exception {
        String example = java.nio.file.Files.readString(java.nio.file.Path.of("config/proxmox-servers.example.json"));

        assertThat(validator.validate(example, Map.of("PVE_TOKEN", SECRET)).problems()).isEmpty();
    }

    @Test
    void seedStyleTemplateGetsProblemsForWhatIsMissingNotAnException() {
        String seed = """
                {"servers": {"pve1": {"host": "pve.example.lan", "username": "mcp", "realm": "pve",
                  "token_env_var": "PVE_TOKEN", "password_env_var": "PVE_PASSWORD"}}}""";

        ValidationReport report = validator.validate(seed, Map.of());

        assertThat(report.valid()).isFalse();
        assertThat(report.problems()).extracting(Problem::path, Problem::code, Problem::severity).containsExactly(
                org.assertj.core.groups.Tuple.tuple("servers.pve1.token_name", "token-name-missing", Severity.ERROR),
                org.assertj.core.groups.Tuple.tuple("servers.pve1.token_env_var", "env-var-unset", Severity.ERROR),
                org.assertj.core.groups.Tuple.tuple("servers.pve1.password_env_var", "env-var-unset", Severity.WARNING));
        assertThat(report.problems()).allSatisfy(p -> assertThat(p.hint()).isNotBlank());
    }

    @Test
    void syntaxErrorNamesLineAndColumn() {
        String json = "{\n  \"servers\": {\n    \"pve1\": {\"host\": \"pve\",}\n  }\n}";

        Problem problem = validator.validate(json, ENV).problems().get(0);

        assertThat(problem.code()).isEqualTo("json-syntax");
        assertThat(problem.message()).contains("line 3, column");
    }

    @Test
    void syntaxErrorDoesNotRepeatAnUnquotedSecret() {
        String json = "{\"servers\": {\"pve1\": {\"token_env_var\": s3cretPassw0rdValue}}}";

        ValidationReport report = validator.validate(json, ENV);

        assertThat(report.codes()).containsExactly("json-syntax");
        assertThat(report.toString()).doesNotContain("s3cretPassw0rdValue");
    }

    @Test
    void misspeltFieldsGetASuggestion() {
        assertThat(validator.validate(with("verifySsl", "true"), ENV).problems().get(0).message())
                .contains("Did you mean 'verify_ssl'?");
        assertThat(validator.validate("{\"server\": {}}", ENV).problems().get(0).message())
                .contains("did you mean 'servers'?");
    }

    @Test
    void usernameWithRealmAndNoRealmFieldIsOneProblemWithTheFix() {
        ValidationReport report = validator.validate(with(without("realm"), "username", "\"mcp@pam\""), ENV);

        assertThat(report.codes()).containsExactly("username-has-realm");
        assertThat(report.problems().get(0).hint()).isEqualTo("Write \"username\": \"mcp\" and \"realm\": \"pam\".");
    }

    @Test
    void unsetPasswordIsOnlyAWarningWhileTheTokenIsUsed() {
        ValidationReport report = validator.validate(with("password_env_var", "\"PVE_PASSWORD_UNSET\""), ENV);

        assertThat(report.valid()).isTrue();
        assertThat(report.codes()).containsExactly("env-var-unset");
    }

    @Test
    void everyEntryIsCheckedAndTheGoodOnesAreUsable() {
        String json = """
                {"servers": {
                  "good": {"host": "10.0.0.5", "username": "mcp", "realm": "pve", "token_name": "mcp",
                           "token_env_var": "PVE_TOKEN", "port": 8443},
                  "bad": {"host": "https://pve:8006/", "username": "mcp@pve"}}}""";

        CheckedTemplate checked = validator.check(json, ENV);

        assertThat(checked.entries()).containsExactly("good", "bad");
        assertThat(checked.usable()).containsOnlyKeys("good");
        assertThat(checked.usable().get("good").port()).isEqualTo(8443);
        assertThat(checked.reportFor("good").problems()).isEmpty();
        assertThat(checked.reportFor("bad").codes()).contains("host-has-scheme", "username-has-realm", "no-credentials");
    }

    @Test
    void messagesNeverContainTheSecretOfTheEnvironment() {
        String[] broken = {with("token_env_var", "\"" + SECRET + "\""), with("host", "\"https://root:" + SECRET + "@pve\""),
            with("token_name", "\"mcp@pve!mcp=" + SECRET + "\""), with("password", "\"" + SECRET + "\"")};
        for (String json : broken) {
            assertThat(validator.validate(json, ENV).toString()).doesNotContain(SECRET);
        }
    }

    static String with(String field, String jsonValue) {
        return with(VALID, field, jsonValue);
    }

    static String with(String json, String field, String jsonValue) {
        ObjectNode root = (ObjectNode) TemplateJson.MAPPER.readTree(json);
        ((ObjectNode) root.get("servers").get("pve1")).set(field, TemplateJson.MAPPER.readTree(jsonValue));
        return root.toString();
    }

    static String without(String field) {
        return without(VALID, field);
    }

    static String without(String json, String field) {
        ObjectNode root = (ObjectNode) TemplateJson.MAPPER.readTree(json);
        ((ObjectNode) root.get("servers").get("pve1")).remove(field);
        return root.toString();
    }
}
