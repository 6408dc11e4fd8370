package dev.mcpsessions.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mcpsessions.home.ManagerHome;
import tools.jackson.databind.JsonNode;

class SessionConfigCopiesTest {

    static final String SECRET = "7d2f1c9a-4b8e-4e3a-a1f6-9c0b5d3e2a18";
    static final Map<String, String> ENV = Map.of("PVE_TOKEN", SECRET, "PVE_PASSWORD", "unused-password",
            "LAB_PASSWORD", "lab-password");

    @TempDir
    Path tmp;
    ManagerHome home;
    SessionConfigCopies copies;

    @BeforeEach
    void setUp() {
        home = new ManagerHome(tmp.resolve("home"));
        home.createLayout();
        copies = new SessionConfigCopies(home, new ProxmoxConfigValidator(), new ProxmoxMcpConfigRenderer(),
                new TemplateConfigRenderer());
    }

    @Test
    void proxmoxEntryBecomesAPrivateProxmoxMcpFile() throws IOException {
        Path template = fixture("proxmox-two-entries.json");

        SessionConfigCopies.Prepared prepared = copies.prepare(new ConfigRef(template, "pve1"), "s1", "proxmox", ENV);

        Path copy = home.configCopyDir("s1", "proxmox").resolve("proxmox-mcp.json");
        assertThat(prepared.files()).containsExactly(copy);
        assertThat(prepared.extraEnv()).containsExactly(Map.entry("PROXMOX_MCP_CONFIG", copy.toString()));
        assertThat(Files.getPosixFilePermissions(copy)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(copy.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        JsonNode json = TemplateJson.MAPPER.readTree(Files.readString(copy));
        assertThat(json.at("/proxmox/host").stringValue()).isEqualTo("pve1.example.lan");
        assertThat(json.at("/proxmox/port").intValue()).isEqualTo(8006);
        assertThat(json.at("/proxmox/verify_ssl").booleanValue()).isTrue();
        assertThat(json.at("/auth/user").stringValue()).isEqualTo("mcp@pve");
        assertThat(json.at("/auth/token_name").stringValue()).isEqualTo("mcp");
        assertThat(json.at("/auth/token_value").stringValue()).isEqualTo(SECRET);
        assertThat(Path.of(json.at("/logging/file").stringValue()).getParent()).isEqualTo(home.logsDir("s1"));
        assertThat(prepared.toString()).doesNotContain(SECRET);
    }

    @Test
    void sessionsGetSeparateCopies() {
        Path template = fixture("proxmox-two-entries.json");

        var a = copies.prepare(new ConfigRef(template, "pve1"), "s1", "proxmox", ENV);
        var b = copies.prepare(new ConfigRef(template, "pve1"), "s2", "proxmox", ENV);

        assertThat(a.files().get(0)).isNotEqualTo(b.files().get(0));
        assertThat(a.files().get(0)).startsWith(home.configsDir("s1"));
        assertThat(b.files().get(0)).startsWith(home.configsDir("s2"));
    }

    @Test
    void templateWithSeveralEntriesNeedsAName() {
        Path template = fixture("proxmox-two-entries.json");

        assertThatThrownBy(() -> copies.prepare(new ConfigRef(template, null), "s1", "proxmox", ENV))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.report().codes()).containsExactly("config-server-required"));
        assertThatThrownBy(() -> copies.prepare(new ConfigRef(template, "pve"), "s1", "proxmox", ENV))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.report().codes()).containsExactly("config-server-unknown");
                    assertThat(e.report().problems().get(0).message()).contains("Did you mean 'pve1'?");
                });
    }

    @Test
    void invalidEntryIsRefusedWithItsReportAndWritesNothing() {
        Path template = fixture("proxmox-two-entries.json");

        assertThatThrownBy(() -> copies.prepare(new ConfigRef(template, "pve1"), "s1", "proxmox", Map.of()))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.report().valid()).isFalse();
                    assertThat(e.report().codes()).contains("env-var-unset");
                });
        assertThat(home.configCopyDir("s1", "proxmox")).doesNotExist();
    }

    @Test
    void passwordEntryCannotFeedProxmoxMcp() {
        Path template = fixture("proxmox-two-entries.json");

        assertThatThrownBy(() -> copies.prepare(new ConfigRef(template, "lab"), "s1", "lab", ENV))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.report().codes()).containsExactly("token-required"));
    }

    @Test
    void genericTemplateIsRenderedUnderItsOwnName() throws IOException {
        Path template = fixture("generic-template.json");

        var prepared = copies.prepare(new ConfigRef(template, null), "s1", "api",
                Map.of("API_KEY", "k\"1", "BASE_URL", "https://api.example"));

        Path copy = home.configCopyDir("s1", "api").resolve("generic-template.json");
        assertThat(prepared.extraEnv()).containsExactly(Map.entry("MCP_CONFIG_FILE", copy.toString()));
        JsonNode json = TemplateJson.MAPPER.readTree(Files.readString(copy));
        assertThat(json.get("apiKey").stringValue()).isEqualTo("k\"1");
        assertThat(json.get("url").stringValue()).isEqualTo("https://api.example/v1");
        assertThat(json.get("literal").stringValue()).isEqualTo("${NOT_A_VAR}");
        assertThat(Files.getPosixFilePermissions(copy)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void genericTemplateReportsEveryUnsetVariable() {
        Path template = fixture("generic-template.json");

        assertThatThrownBy(() -> copies.prepare(new ConfigRef(template, null), "s1", "api", Map.of()))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.report().problems())
                        .extracting(Problem::message)
                        .containsExactly("Environment variable API_KEY is not set.",
                                "Environment variable BASE_URL is not set."));
    }

    @Test
    void aNewCopyReplacesTheOldOne() throws IOException {
        Path dir = home.configCopyDir("s1", "proxmox");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("stale.json"), "{}");

        copies.prepare(new ConfigRef(fixture("proxmox-two-entries.json"), "pve1"), "s1", "proxmox", ENV);

        assertThat(dir.resolve("stale.json")).doesNotExist();
        copies.discard("s1", "proxmox");
        assertThat(dir).doesNotExist();
    }

    @Test
    void missingOrRelativeFileIsAProblemNotACrash() {
        assertThatThrownBy(() -> copies.prepare(new ConfigRef(tmp.resolve("nope.json"), null), "s1", "x", ENV))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.report().codes()).containsExactly("config-file-unreadable");
                    assertThat(e.getMessage()).contains("no such file");
                });
        assertThatThrownBy(() -> copies.prepare(ConfigRef.of("relative.json", null), "s1", "x", ENV))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.report().codes()).containsExactly("config-file-unreadable"));
    }

    @Test
    void brokenProxmoxTemplateIsReportedNotCopiedAsText() throws IOException {
        Path template = tmp.resolve("broken.json");
        Files.writeString(template, "{\"servers\": {\"pve1\": {\"host\": \"pve\",}}}");

        assertThatThrownBy(() -> copies.prepare(new ConfigRef(template, "pve1"), "s1", "proxmox", ENV))
                .isInstanceOfSatisfying(InvalidConfigException.class,
                        e -> assertThat(e.report().codes()).containsExactly("json-syntax"));
    }

    private Path fixture(String name) {
        try {
            Path target = tmp.resolve(name);
            try (var in = getClass().getResourceAsStream("/config/" + name)) {
                Files.copy(in, target);
            }
            return target;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
