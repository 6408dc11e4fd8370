package dev.mcpsessions.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.mcpsessions.process.MarkedProcesses;

/** A spec that cannot run is refused with a clear reason, and nothing is spawned or written. */
class BadServerSpecTest extends RealManagerTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty command       | 422 | {"name":"bad","command":""}                                  | empty command
            blank argv          | 422 | {"name":"bad","argv":[]}                                     | empty command
            command and argv    | 422 | {"name":"bad","command":"sleep 1","argv":["sleep","1"]}      | exactly one of 'command'
            unclosed quote      | 422 | {"name":"bad","command":"sh -c 'exit 1"}                     | command:
            missing binary      | 422 | {"name":"bad","command":"no-such-program-4711 --serve"}      | command not found: no-such-program-4711
            missing script      | 422 | {"name":"bad","command":"./no-such-script.sh"}               | command not found or not executable: ./no-such-script.sh
            bad cwd             | 422 | {"name":"bad","command":"sleep 1","cwd":"/no/such/dir"}      | cwd '/no/such/dir' is not a directory
            bad env name        | 422 | {"name":"bad","command":"sleep 1","env":{"1BAD-NAME":"x"}}   | Invalid environment variable name '1BAD-NAME'
            port 70000          | 422 | {"name":"bad","command":"sleep 1","port":"70000"}            | port must be "auto" or a number from 1 to 65535, got '70000'
            numeric port 70000  | 422 | {"name":"bad","command":"sleep 1","port":70000}              | port must be "auto" or a number from 1 to 65535, got '70000'
            port word           | 422 | {"name":"bad","command":"sleep 1","port":"any"}              | port must be "auto"
            negative startSecs  | 422 | {"name":"bad","command":"sleep 1","startSecs":-1}            | startSecs must be between 0 and 3600
            unknown signal      | 422 | {"name":"bad","command":"sleep 1","stopSignal":"STOP"}       | Unknown stop signal 'STOP'
            exit code 300       | 422 | {"name":"bad","command":"sleep 1","exitCodes":[300]}         | exitCodes must be numbers from 0 to 255
            unknown field       | 400 | {"name":"bad","command":"sleep 1","comand":"typo"}           | comand
            bad autorestart     | 400 | {"name":"bad","command":"sleep 1","autorestart":"sometimes"} | autorestart must be one of never, unexpected, always
            bad transport       | 400 | {"name":"bad","command":"sleep 1","transport":"smoke"}       | smoke
            bad server name     | 400 | {"name":"Bad Name","command":"sleep 1"}                      | Bad Name
            not JSON            | 400 | {"name":"bad",                                               | Unreadable request body
            """)
    void aBadSpecIsRefusedAndLeavesNothingBehind(String what, int status, String body, String reason) throws IOException {
        String session = api.newSession();
        List<String> configsBefore = files(home.resolve("configs/" + session));
        List<String> pidsBefore = files(home.resolve("pids/" + session));

        ManagerApi.Response refused = api.postJson("/api/sessions/" + session + "/servers?wait=true", body);

        assertThat(refused.status()).as(refused.body()).isEqualTo(status);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.detail()).contains(reason);
        assertThat(api.get("/api/sessions/" + session + "/servers/bad").status()).isEqualTo(404);
        assertThat(api.get("/api/sessions/" + session + "/servers").body()).isEqualTo("[]");
        assertThat(files(home.resolve("configs/" + session))).isEqualTo(configsBefore);
        assertThat(files(home.resolve("pids/" + session))).isEqualTo(pidsBefore);
        assertThat(files(home.resolve("logs/" + session))).isEmpty();
        assertThat(MarkedProcesses.scan(home)).isEmpty();
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(dir::relativize).map(Path::toString).sorted().toList();
        }
    }
}
