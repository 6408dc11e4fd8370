package dev.mcpsessions.session;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mcpsessions.home.AtomicFiles;
import dev.mcpsessions.home.ManagerHome;

class SessionEnvironmentTest {

    @TempDir
    Path tmp;

    @Test
    void parsesEnvDashZeroOutput() {
        byte[] env = "HOME=/root\0PATH=/usr/bin:/bin\0EMPTY=\0EQ=a=b\0MULTI=line1\nline2\0".getBytes(UTF_8);

        assertThat(SessionEnvironment.parse(env)).containsExactly(Map.entry("HOME", "/root"),
                Map.entry("PATH", "/usr/bin:/bin"), Map.entry("EMPTY", ""), Map.entry("EQ", "a=b"),
                Map.entry("MULTI", "line1\nline2"));
    }

    @Test
    void skipsShellFunctionsEntriesWithoutANameAndTheCliInvocationsOwnVariables() {
        byte[] env = ("BASH_FUNC_greet%%=() {  echo hi\n}\0=nameless\0noequals\0_=/usr/bin/env\0SHLVL=2\0"
                + "PWD=/work\0OLDPWD=/\0KEEP=1\0").getBytes(UTF_8);

        assertThat(SessionEnvironment.parse(env)).containsExactly(Map.entry("KEEP", "1"));
    }

    @Test
    void parsesEmptyInput() {
        assertThat(SessionEnvironment.parse(new byte[0])).isEmpty();
    }

    @Test
    void formatAndParseRoundTrip() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("A", "1");
        env.put("_UNDER", "x y\tz");
        env.put("UNICODE", "grüße");

        assertThat(SessionEnvironment.parse(SessionEnvironment.format(env))).isEqualTo(env);
    }

    @Test
    void refusesInvalidVariableNames() {
        assertThatThrownBy(() -> SessionEnvironment.requireValidName("1ABC"))
                .hasMessageContaining("Invalid environment variable name '1ABC'");
        assertThatThrownBy(() -> SessionEnvironment.requireValidName("A-B")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionEnvironment.format(Map.of("A=B", "x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storesTheEnvironmentInAPrivateFileAndReadsItBack() throws Exception {
        ManagerHome home = new ManagerHome(tmp);
        SessionEnvironment environments = new SessionEnvironment(home);

        environments.write("s1", Map.of("TOKEN_VAR", "secret"));

        assertThat(environments.read("s1")).containsExactly(Map.entry("TOKEN_VAR", "secret"));
        assertThat(java.nio.file.Files.getPosixFilePermissions(home.environmentFile("s1")))
                .isEqualTo(AtomicFiles.FILE_MODE);
        assertThat(environments.read("other")).isEmpty();
    }
}
