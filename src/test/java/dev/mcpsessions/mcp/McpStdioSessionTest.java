package dev.mcpsessions.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class McpStdioSessionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final Fixtures fixtures = new Fixtures();

    @AfterEach
    void killFixtures() {
        fixtures.killAll();
    }

    @Test
    void initializesOverTheGivenPipes() throws Exception {
        Process process = fixtures.start("good");
        try (McpStdioSession session = new McpStdioSession(process.getOutputStream(), process.getInputStream())) {
            InitializeResult result = session.initialize(TIMEOUT);

            assertThat(result.protocolVersion()).isEqualTo(McpProtocol.LATEST_VERSION);
            assertThat(result.serverName()).isEqualTo("fixture-good 1.0.0");
            assertThat(result.declares("tools")).isTrue();
            assertThat(session.initializeResult()).contains(result);
        }
    }

    @Test
    void concurrentRequestsGetTheirOwnResponses() throws Exception {
        Process process = fixtures.start("good");
        try (McpStdioSession session = new McpStdioSession(process.getOutputStream(), process.getInputStream())) {
            session.initialize(TIMEOUT);

            List<CompletableFuture<JsonNode>> answers = IntStream.range(0, 20)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> i % 2 == 0
                            ? session.request("tools/list", null, TIMEOUT)
                            : session.request("prompts/list", null, TIMEOUT)))
                    .toList();

            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).join().has(i % 2 == 0 ? "tools" : "prompts")).isTrue();
            }
        }
    }

    @Test
    void bannerLinesGoToTheSinkAndStayAsEvidence() throws Exception {
        Process process = fixtures.start("banner");
        List<String> sink = new CopyOnWriteArrayList<>();
        try (McpStdioSession session = new McpStdioSession(process.getOutputStream(), process.getInputStream(), sink::add)) {
            session.initialize(TIMEOUT);

            assertThat(sink).containsExactly("Fixture MCP server v1.0 ready on stdio");
            assertThat(session.strayLines()).containsExactly("Fixture MCP server v1.0 ready on stdio");
            assertThat(session.strayLineCount()).isEqualTo(1);
        }
    }

    @Test
    void errorResponsesCarryCodeAndEvidence() throws Exception {
        Process process = fixtures.start("good");
        try (McpStdioSession session = new McpStdioSession(process.getOutputStream(), process.getInputStream())) {
            session.initialize(TIMEOUT);

            assertThatThrownBy(() -> session.request("no/such", null, TIMEOUT))
                    .isInstanceOfSatisfying(McpException.class, e -> {
                        assertThat(e.kind()).isEqualTo(McpException.Kind.ERROR);
                        assertThat(e.code()).isEqualTo(McpProtocol.METHOD_NOT_FOUND);
                        assertThat(e.evidence()).contains("Method not found");
                    });
        }
    }

    @Test
    void endOfStdoutFailsOpenRequestsAtOnce() throws Exception {
        Process process = fixtures.start("crash-on-initialize");
        try (McpStdioSession session = new McpStdioSession(process.getOutputStream(), process.getInputStream())) {
            assertThatThrownBy(() -> session.initialize(Duration.ofSeconds(60)))
                    .isInstanceOfSatisfying(McpException.class,
                            e -> assertThat(e.kind()).isEqualTo(McpException.Kind.CLOSED));
            await().atMost(TIMEOUT).until(() -> !session.isOpen());
        }
    }

    @Test
    void answersPingsFromTheServerAndRefusesOtherRequests() {
        String fromServer = """
                {"jsonrpc":"2.0","id":"s1","method":"ping"}
                {"jsonrpc":"2.0","id":"s2","method":"roots/list"}
                """;
        ByteArrayOutputStream toServer = new ByteArrayOutputStream();
        try (McpStdioSession session = new McpStdioSession(toServer,
                new ByteArrayInputStream(fromServer.getBytes(StandardCharsets.UTF_8)))) {
            await().atMost(TIMEOUT).until(() -> toServer.toString(StandardCharsets.UTF_8).lines().count() == 2);

            assertThat(toServer.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                    "{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"result\":{}}",
                    "{\"jsonrpc\":\"2.0\",\"id\":\"s2\",\"error\":{\"code\":-32601,\"message\":\"Method not found: roots/list\"}}");
            assertThat(session.strayLineCount()).isZero();
        }
    }
}
