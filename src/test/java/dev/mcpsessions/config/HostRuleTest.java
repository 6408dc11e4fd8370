package dev.mcpsessions.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"pve", "pve.example.lan", "pve.example.lan.", "pve-01.lab", "192.168.1.10", "10.0.0.255",
        "::1", "fd00::10", "[fd00::10]", "2001:db8:0:0:0:0:0:1", "::ffff:192.168.1.1", "fe80::1%eth0", "fe80::"})
    void acceptsNamesAndAddresses(String host) {
        assertThat(HostRule.check("h", host)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "https://pve.example.lan:8006/, host-has-scheme, '\"host\": \"pve.example.lan\" and \"port\": 8006'",
        "pve.example.lan/api2/json, host-has-path, '\"host\": \"pve.example.lan\"'",
        "pve.example.lan:8006, host-has-port, '\"port\": 8006'",
        "[fd00::10]:8006, host-has-port, '\"host\": \"[fd00::10]\"'",
        "300.1.1.1, host-invalid, DNS name",
        "10.0.0, host-invalid, DNS name",
        "pve..lan, host-invalid, DNS name",
        "-pve, host-invalid, DNS name",
        "pve lan, host-invalid, DNS name",
        "pve_1, host-invalid, DNS name",
        "fd00:::1, host-invalid, DNS name",
        "1:2:3:4:5:6:7:8:9, host-invalid, DNS name"})
    void namesWhatIsWrongAndHowToFixIt(String host, String code, String fix) {
        Problem problem = HostRule.check("h", host);

        assertThat(problem).isNotNull();
        assertThat(problem.code()).isEqualTo(code);
        assertThat(problem.message() + " " + problem.hint()).contains(fix);
    }

    @org.junit.jupiter.api.Test
    void neverEchoesAPasswordInAUrl() {
        Problem problem = HostRule.check("h", "https://root:topsecret@pve.example.lan:8006");

        assertThat(problem.toString()).doesNotContain("topsecret").contains("pve.example.lan");
    }
}
