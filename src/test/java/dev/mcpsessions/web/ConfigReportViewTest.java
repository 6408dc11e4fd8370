package dev.mcpsessions.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mcpsessions.config.Problem;
import dev.mcpsessions.config.Severity;
import dev.mcpsessions.config.ValidationReport;

import tools.jackson.databind.json.JsonMapper;

class ConfigReportViewTest {

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void problemsGoBesideTheirFieldsAndTheRestAbove() {
        String template = "{\"servers\": {\"pve1\": {\"host\": \"pve.lan\", \"password\": \"hunter2\", \"token_env_var\": \"PVE_TOKEN\"}}, \"extra\": 1}";
        ValidationReport report = ValidationReport.of(List.of(
                problem("extra", "unknown-field", Severity.ERROR),
                problem("servers.pve1.password", "secret-in-template", Severity.ERROR),
                problem("servers.pve1.realm", "realm-missing", Severity.ERROR),
                problem("servers.pve1", "no-credentials", Severity.ERROR),
                problem("servers.pve1.verify_ssl", "tls-verify-disabled", Severity.WARNING)));

        ConfigReportView view = ConfigReportView.of(template, report, json);

        assertThat(view.valid()).isFalse();
        assertThat(view.errors()).isEqualTo(4);
        assertThat(view.warnings()).isEqualTo(1);
        assertThat(view.general()).extracting(Problem::code).containsExactly("unknown-field");
        ConfigReportView.Entry entry = view.entries().get(0);
        assertThat(entry.problems()).extracting(Problem::code).containsExactly("no-credentials");
        assertThat(entry.fields()).extracting(ConfigReportView.Field::name)
                .containsExactly("host", "realm", "token_env_var", "verify_ssl", "password");
        assertThat(entry.fields()).extracting(ConfigReportView.Field::value)
                .containsExactly("pve.lan", "(missing)", "PVE_TOKEN", "(missing)", SpecView.MASK);
    }

    @Test
    void aSyntaxErrorLeavesOnlyTheGeneralList() {
        ValidationReport report = ValidationReport.of(List.of(problem("$", "json-syntax", Severity.ERROR)));

        ConfigReportView view = ConfigReportView.of("{\"servers\": ", report, json);

        assertThat(view.entries()).isEmpty();
        assertThat(view.general()).hasSize(1);
    }

    private static Problem problem(String path, String code, Severity severity) {
        return new Problem(path, code, severity, code + " at " + path, "fix it");
    }
}
