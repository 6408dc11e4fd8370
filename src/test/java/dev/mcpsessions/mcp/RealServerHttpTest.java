package dev.mcpsessions.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.mcpsessions.mcp.ComplianceReport.Status;

/** server-everything in its Streamable HTTP mode, as a {@code transport: http} server would run. */
class RealServerHttpTest {

    private Process server;
    private McpHttpClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        }
    }

    @Test
    void everythingServerOverStreamableHttpInitializesPingsAndPasses() throws IOException {
        List<String> argv = new ArrayList<>(NpmServers.require(NpmServers.EVERYTHING));
        argv.add("streamableHttp");
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PORT", Integer.toString(port));
        server = builder.start();
        client = McpHttpClient.onLoopback(port);

        // readiness: retried while the server has not bound its port yet
        InitializeResult ready = client.initialize(Duration.ofSeconds(20));
        client.ping(Duration.ofSeconds(5));
        ComplianceReport report = new ComplianceProbe(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(2))
                .probe(client, Duration.ofSeconds(20));

        assertThat(ready.protocolVersion()).isEqualTo(McpProtocol.LATEST_VERSION);
        assertThat(report.passed()).as(report.toString()).isTrue();
        assertThat(report.check("tools-list").status()).isEqualTo(Status.PASS);
        assertThat(report.check("tools-list").detail()).contains("echo");
        assertThat(report.check("stdout-clean").status()).isEqualTo(Status.SKIP);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
