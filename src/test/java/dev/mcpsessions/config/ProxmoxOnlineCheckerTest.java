package dev.mcpsessions.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProxmoxOnlineCheckerTest {

    static final String SECRET = "0b7e3f52-9c1d-4a8e-b6f0-2d4c8a1e7f93";
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    static FakeProxmoxApi pve;
    private final ProxmoxOnlineChecker checker = new ProxmoxOnlineChecker(TIMEOUT);

    @BeforeAll
    static void startFake() {
        pve = FakeProxmoxApi.start()
                .acceptToken("mcp@pve!mcp", SECRET)
                .acceptToken("bare@pve!mcp", SECRET, false)
                .acceptPassword("mcp@pve", "correct horse battery");
    }

    @AfterAll
    static void stopFake() {
        pve.close();
    }

    @Test
    void validTokenIsValid() {
        assertThat(checker.check(token("mcp", "pve", false, pve.port()), Map.of("PVE_TOKEN", SECRET))).isEmpty();
    }

    @Test
    void wrongTokenFailsAuthentication() {
        List<Problem> problems = checker.check(token("mcp", "pve", false, pve.port()),
                Map.of("PVE_TOKEN", "11111111-2222-3333-4444-555555555555"));

        assertThat(problems).extracting(Problem::code).containsExactly("authentication-failed");
        assertThat(problems.get(0).path()).isEqualTo("servers.pve1.token_env_var");
    }

    @Test
    void unknownRealmIsNamed() {
        List<Problem> problems = checker.check(token("mcp", "ldap", false, pve.port()), Map.of("PVE_TOKEN", SECRET));

        assertThat(problems).extracting(Problem::code).containsExactly("realm-unknown");
        assertThat(problems.get(0).message()).contains("pam, pve");
    }

    @Test
    void closedPortIsUnreachableWithinTheTimeout() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        long start = System.nanoTime();

        List<Problem> problems = checker.check(token("mcp", "pve", false, closed), Map.of("PVE_TOKEN", SECRET));

        assertThat(problems).extracting(Problem::code).containsExactly("proxmox-unreachable");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plusSeconds(2));
    }

    @Test
    void selfSignedCertificateIsUntrustedWhenVerifying() {
        List<Problem> problems = checker.check(token("mcp", "pve", true, pve.port()), Map.of("PVE_TOKEN", SECRET));

        assertThat(problems).extracting(Problem::code).containsExactly("tls-untrusted");
    }

    @Test
    void silentServerTimesOutInsteadOfHanging() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(TIMEOUT.toMillis() * 5); // holds the connection open without a word
                } catch (IOException | InterruptedException e) {
                    // the test ended
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long start = System.nanoTime();

            List<Problem> problems = checker.check(token("mcp", "pve", false, silent.getLocalPort()),
                    Map.of("PVE_TOKEN", SECRET));

            assertThat(problems).extracting(Problem::code).containsExactly("proxmox-timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plusSeconds(3));
            acceptor.interrupt();
        }
    }

    @Test
    void plainTextOnThePortIsATlsHandshakeFailure() throws IOException {
        try (ServerSocket plain = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread answerer = new Thread(() -> {
                while (!plain.isClosed()) {
                    try (Socket s = plain.accept()) {
                        s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
                        s.getOutputStream().flush();
                        s.getInputStream().read();
                    } catch (IOException e) {
                        // the client hung up, as it should, or the test ended
                    }
                }
            });
            answerer.setDaemon(true);
            answerer.start();

            List<Problem> problems = checker.check(token("mcp", "pve", false, plain.getLocalPort()),
                    Map.of("PVE_TOKEN", SECRET));

            assertThat(problems).extracting(Problem::code).containsExactly("tls-handshake-failed");
        }
    }

    @Test
    void tokenWithoutPrivilegesIsPermissionDenied() {
        ProxmoxServer bare = new ProxmoxServer("pve1", pve.host(), pve.port(), "bare", "pve", "mcp", "PVE_TOKEN",
                null, false);

        List<Problem> problems = checker.check(bare, Map.of("PVE_TOKEN", SECRET));

        assertThat(problems).extracting(Problem::code).containsExactly("permission-denied");
        assertThat(problems.get(0).hint()).contains("PVEAuditor");
    }

    @Test
    void passwordLoginUsesATicket() {
        ProxmoxServer server = new ProxmoxServer("pve1", pve.host(), pve.port(), "mcp", "pve", null, null,
                "PVE_PASSWORD", false);

        assertThat(checker.check(server, Map.of("PVE_PASSWORD", "correct horse battery"))).isEmpty();
        assertThat(checker.check(server, Map.of("PVE_PASSWORD", "wrong"))).extracting(Problem::code)
                .containsExactly("authentication-failed");
    }

    @Test
    void secretWithATrailingNewlineIsNamedWithoutBeingShown() {
        List<Problem> problems = checker.check(token("mcp", "pve", false, pve.port()), Map.of("PVE_TOKEN", SECRET + "\n"));

        assertThat(problems).extracting(Problem::code).containsExactly("authentication-failed");
        assertThat(problems.get(0).message()).contains("newline").doesNotContain(SECRET);
    }

    static ProxmoxServer token(String user, String realm, boolean verifySsl, int port) {
        return new ProxmoxServer("pve1", "127.0.0.1", port, user, realm, "mcp", "PVE_TOKEN", null, verifySsl);
    }
}
