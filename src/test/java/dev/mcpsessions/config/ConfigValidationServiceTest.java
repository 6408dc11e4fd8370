package dev.mcpsessions.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mcpsessions.home.ManagerHome;

class ConfigValidationServiceTest {

    static final String SECRET = "c4a1e9d2-7f3b-4b6a-8e5d-1a2b3c4d5e6f";

    @TempDir
    Path tmp;
    FakeProxmoxApi pve;
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger configLogger = (Logger) LoggerFactory.getLogger("dev.mcpsessions.config");
    ConfigValidationService service = new ConfigValidationService(new ProxmoxConfigValidator(),
            new ProxmoxOnlineChecker(Duration.ofSeconds(3)));

    @BeforeEach
    void setUp() {
        pve = FakeProxmoxApi.start().acceptToken("mcp@pve!mcp", SECRET);
        configLogger.setLevel(Level.DEBUG);
        logs.start();
        configLogger.addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        configLogger.detachAppender(logs);
        pve.close();
    }

    @Test
    void onlineValidationChecksTheEntriesThatPassedOffline() {
        String json = template(pve.port(), "pve").replace("}}}", "}, \"broken\": {\"host\": \"x\"}}}");

        ValidationReport report = service.validate(json, Map.of("PVE_TOKEN", SECRET), true);

        // pve1 passes online too; "broken" (host x) is not contacted, or it would be unreachable
        assertThat(report.codes()).containsExactly("tls-verify-disabled", "username-missing", "realm-missing",
                "no-credentials");
    }

    @Test
    void onlineProblemsJoinTheOfflineOnes() {
        ValidationReport report = service.validate(template(pve.port(), "ldap"), Map.of("PVE_TOKEN", SECRET), true);

        assertThat(report.codes()).containsExactly("tls-verify-disabled", "realm-unknown");
        assertThat(report.valid()).isFalse();
    }

    @Test
    void offlineValidationContactsNobody() {
        ValidationReport report = service.validate(template(1, "ldap"), Map.of("PVE_TOKEN", SECRET), false);

        assertThat(report.codes()).containsExactly("tls-verify-disabled");
    }

    @Test
    void unreadableFileIsAProblem() {
        ValidationReport report = service.validateFile(tmp.resolve("missing.json"), Map.of(), false);

        assertThat(report.codes()).containsExactly("config-file-unreadable");
    }

    /** The secret value of the variable appears in no report, exception message or log line. */
    @Test
    void theSecretNeverLeaks() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("PVE_TOKEN", SECRET));
        StringBuilder everything = new StringBuilder();
        String good = template(pve.port(), "pve");
        String[] templates = {good, good.replace("\"PVE_TOKEN\"", "\"" + SECRET + "\""),
            good.replace("\"mcp\", \"token_env_var\"", "\"mcp=" + SECRET + "\", \"token_env_var\""),
            good.replace("\"pve\", \"token_name\"", "\"ldap\", \"token_name\""),
            good.replace("\"verify_ssl\": false", "\"verify_ssl\": true"),
            good.replace("\"host\": \"127.0.0.1\"", "\"host\": \"https://mcp:" + SECRET + "@127.0.0.1/\""),
            good.replace("\"token_env_var\"", "\"token\": \"" + SECRET + "\", \"token_env_var\""),
            "{\"servers\": {\"pve1\": {\"token_env_var\": " + SECRET + "}}}"};
        for (String json : templates) {
            for (Map<String, String> e : java.util.List.of(env, Map.of("PVE_TOKEN", "wrong-" + SECRET))) {
                ValidationReport report = service.validate(json, e, true);
                everything.append(TemplateJson.MAPPER.writeValueAsString(report)).append('\n');
            }
        }
        ManagerHome home = new ManagerHome(tmp.resolve("home"));
        SessionConfigCopies copies = new SessionConfigCopies(home, new ProxmoxConfigValidator(),
                new ProxmoxMcpConfigRenderer(), new TemplateConfigRenderer());
        Path file = tmp.resolve("pve.json");
        Files.writeString(file, good);
        SessionConfigCopies.Prepared prepared = copies.prepare(new ConfigRef(file, "pve1"), "s1", "pve", env);
        everything.append(prepared).append('\n');
        Files.writeString(file, templates[1]);
        try {
            copies.prepare(new ConfigRef(file, "pve1"), "s1", "pve", env);
        } catch (InvalidConfigException e) {
            everything.append(e.getMessage()).append(TemplateJson.MAPPER.writeValueAsString(e.report()));
        }
        logs.list.forEach(event -> everything.append(event.getFormattedMessage()).append('\n'));

        assertThat(Files.readString(prepared.files().get(0))).contains(SECRET); // the copy itself must hold it
        assertThat(logs.list).isNotEmpty();
        assertThat(everything.toString()).contains("authentication-failed", "env-var-holds-secret",
                "secret-in-template", "realm-unknown", "tls-untrusted", "host-has-scheme", "json-syntax");
        assertThat(everything.toString()).doesNotContain(SECRET);
    }

    static String template(int port, String realm) {
        return "{\"servers\": {\"pve1\": {\"host\": \"127.0.0.1\", \"port\": " + port + ", \"username\": \"mcp\", "
                + "\"realm\": \"" + realm + "\", \"token_name\": \"mcp\", \"token_env_var\": \"PVE_TOKEN\", "
                + "\"verify_ssl\": false}}}";
    }
}
