package dev.mcpsessions.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mcpsessions.process.ServerSpec;
import dev.mcpsessions.process.Transport;

class StartServerFormTest {

    @Test
    void fixedPortAndConfigFileBecomePartOfTheSpec() {
        ServerSpec spec = new StartServerForm(" pve ", "python3 server.py", "", "stdio", "fixed", 8080, null,
                "/etc/pve.json", "pve1").toSpec();

        assertThat(spec.name()).isEqualTo("pve");
        assertThat(spec.port()).isEqualTo("8080");
        assertThat(spec.transport()).isEqualTo(Transport.STDIO);
        assertThat(spec.autorestart()).isNull(); // the default applies
        assertThat(spec.config()).isEqualTo(new ServerSpec.ConfigRef("/etc/pve.json", "pve1"));
        assertThat(spec.env()).isNull();
    }

    @Test
    void noPortModeMeansNoPort() {
        assertThat(new StartServerForm("a", "sleep 1", null, null, null, 9000, null, null, null).toSpec().port()).isNull();
    }

    @Test
    void aFixedPortNeedsANumberInRange() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new StartServerForm("a", "sleep 1", null, null, "fixed", 70000, null, null, null).toSpec())
                .withMessageContaining("1 to 65535");
    }

    @Test
    void envLinesKeepEverythingAfterTheFirstEqualsSignWithoutSurroundingSpaces() {
        assertThat(StartServerForm.env("A=1\r\n  # note\nB = x=y \n\n")).isEqualTo(Map.of("A", "1", "B", "x=y")); // spaces around the line are dropped
    }

    @Test
    void aBadEnvLineIsNamedByNumberNotByContent() {
        assertThatIllegalArgumentException().isThrownBy(() -> StartServerForm.env("A=1\nhunter2"))
                .withMessage("env line 2: write NAME=value");
    }
}
