package dev.mcpsessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The whole manager over real HTTP on a random loopback port, against a temporary home: the API,
 * the security baseline, the dashboard login and Actuator, as a client sees them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mcp.dashboard.announce=false")
@Import(McpSessionManagerSmokeTest.CsrfProbe.class)
@DirtiesContext
class McpSessionManagerSmokeTest {

    @TempDir
    static Path home;

    @DynamicPropertySource
    static void home(DynamicPropertyRegistry registry) {
        registry.add("mcp.home", () -> home.toString());
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    String token;

    @BeforeEach
    void readToken() throws IOException {
        token = Files.readString(home.resolve("token")).trim();
    }

    // --- the API

    @Test
    void sessionsAreCreatedListedAndEndedThroughTheApi() throws Exception {
        var created = send(api("/api/sessions").POST(json("{\"name\":\"smoke-one\",\"ownerPid\":0,\"label\":\"l\"}")));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"id\":\"smoke-one\"").contains("\"orphaned\":false");
        assertThat(home.resolve("configs/smoke-one/session.json")).isRegularFile();
        assertThat(home.resolve("pids/smoke-one/owner.json")).isRegularFile();
        assertThat(home.resolve("logs/smoke-one")).isDirectory();

        var list = send(api("/api/sessions").header("Accept", "application/json"));
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).startsWith("[").contains("\"id\":\"smoke-one\"");

        var table = send(api("/api/sessions").header("Accept", "text/plain"));
        assertThat(table.body()).containsPattern("^SESSION +SERVER +STATE").containsPattern("\nsmoke-one +- +active");

        var ended = send(api("/api/sessions/smoke-one").DELETE());
        assertThat(ended.statusCode()).isEqualTo(204);
        assertThat(home.resolve("configs/smoke-one")).doesNotExist();
        assertThat(home.resolve("pids/smoke-one")).doesNotExist();
        assertThat(home.resolve("logs/smoke-one")).doesNotExist();
        assertThat(send(api("/api/sessions/smoke-one")).statusCode()).isEqualTo(404);
    }

    @Test
    void theCliLineForInitIsExactlyAnExport() throws Exception {
        var created = send(api("/api/sessions").header("Accept", "text/plain").POST(json("{\"ownerPid\":0}")));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).matches("export MCP_SESSION_ID=s[a-z0-9]{6}\n");
        send(api("/api/sessions/" + created.body().trim().substring("export MCP_SESSION_ID=".length())).DELETE());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/b", "A B", "", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void aBadNameIs400WithAClearMessageAndCreatesNothingOnDisk(String name) throws Exception {
        Map<String, String> before = snapshot();

        var response = send(api("/api/sessions").POST(json("{\"name\":\"" + name + "\"}")));

        assertProblem(response, 400, "name: must be 1 to 64 characters of a-z, 0-9, '_' and '-', starting with a letter or digit");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(home.resolve("x")).doesNotExist();
        assertThat(home.resolve("configs/a")).doesNotExist();
    }

    @Test
    void malformedJsonIs400AndChangesNothing() throws Exception {
        Map<String, String> before = snapshot();

        assertProblem(send(api("/api/sessions").POST(json("{\"name\":\"half\""))), 400, "Unreadable request body");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void anUnknownFieldIs400AndChangesNothing() throws Exception {
        Map<String, String> before = snapshot();

        assertProblem(send(api("/api/sessions").POST(json("{\"name\":\"uf\",\"colour\":\"red\"}"))), 400, "colour");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aTwoMegabyteBodyIs400AndChangesNothing() throws Exception {
        Map<String, String> before = snapshot();
        byte[] huge = ("{\"name\":\"big\",\"label\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes();

        assertProblem(send(api("/api/sessions").POST(BodyPublishers.ofByteArray(huge))
                .header("Content-Type", "application/json")), 400, "Request body too large: the limit is 1 MiB");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aTwoMegabyteChunkedBodyWithoutLengthIs400AndChangesNothing() throws Exception {
        Map<String, String> before = snapshot();
        byte[] huge = ("{\"name\":\"big\",\"label\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes();

        var response = send(api("/api/sessions").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))));

        assertProblem(response, 400, "too large");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void homeFilesAre0600AndDirectories0700() throws Exception {
        send(api("/api/sessions").POST(json("{\"name\":\"modes\",\"ownerPid\":" + ProcessHandle.current().pid() + "}")));

        try (Stream<Path> walk = Files.walk(home)) {
            List<Path> all = walk.toList();
            assertThat(all).contains(home.resolve("token"), home.resolve("manager.json"), home.resolve("manager.lock"),
                    home.resolve("configs/modes/environment"), home.resolve("pids/modes/owner.json"));
            for (Path p : all) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p.toString())
                        .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
            }
        } finally {
            send(api("/api/sessions/modes").DELETE());
        }
    }

    @Test
    void managerJsonNamesThisProcessAndItsUrl() throws IOException {
        assertThat(Files.readString(home.resolve("manager.json")))
                .contains("\"pid\" : " + ProcessHandle.current().pid())
                .contains("\"url\" : \"http://127.0.0.1:" + port + "\"");
    }

    // --- security baseline

    @Test
    void noTokenOrAWrongTokenIs401() throws Exception {
        assertProblem(send(request("/api/sessions")), 401, "Authorization: Bearer");
        assertProblem(send(request("/api/sessions").header("Authorization", "Bearer nope")), 401, "<home>/token");
        assertProblem(send(request("/api/sessions").header("Authorization", "Basic " + token)), 401, "Bearer");
    }

    @Test
    void aForeignHostIs403EvenWithTheToken() throws Exception {
        assertProblem(send(api("/api/sessions").setHeader("Host", "evil.example:" + port)), 403,
                "Host header must name the loopback interface");
        assertProblem(send(request("/actuator/health").setHeader("Host", "rebind.evil.example")), 403, "Host header");
        assertThat(send(api("/api/sessions").setHeader("Host", "localhost:" + port)).statusCode()).isEqualTo(200);
    }

    @Test
    void aPostFromAForeignOriginIs403AndChangesNothing() throws Exception {
        Map<String, String> before = snapshot();

        assertProblem(send(api("/api/sessions").header("Origin", "http://evil.example")
                .POST(json("{\"name\":\"from-evil\",\"ownerPid\":0}"))), 403, "another origin");

        assertThat(snapshot()).isEqualTo(before);
        var own = send(api("/api/sessions").header("Origin", "http://127.0.0.1:" + port)
                .POST(json("{\"name\":\"from-own\",\"ownerPid\":0}")));
        assertThat(own.statusCode()).isEqualTo(201);
        send(api("/api/sessions/from-own").DELETE());
    }

    // --- dashboard

    @Test
    void theTokenedLoginUrlSetsAStrictHttpOnlyCookieAndRedirectsToTheOverview() throws Exception {
        var login = send(request("/login?token=" + token));

        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/")
                .doesNotContain("token"));
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("MCPSESSION=").contains("HttpOnly").containsIgnoringCase("SameSite=Strict");

        var overview = send(request("/").header("Cookie", cookie(login)));
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.body()).contains("<h1>Sessions</h1>");
    }

    @Test
    void theOverviewWithoutLoginRedirectsToTheLoginPage() throws Exception {
        var overview = send(request("/"));

        assertThat(overview.statusCode()).isEqualTo(302);
        assertThat(overview.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        var page = send(request("/login"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("bin/mcp-session-manager.sh dashboard");
    }

    @Test
    void aWrongLoginTokenLogsNobodyIn() throws Exception {
        var login = send(request("/login?token=wrong"));

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("bin/mcp-session-manager.sh dashboard");
        assertThat(login.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void aDashboardPostWithoutTheCsrfTokenIs403EvenWhenLoggedIn() throws Exception {
        String cookie = cookie(send(request("/login?token=" + token)));
        String[] csrf = send(request("/test/csrf").header("Cookie", cookie)).body().split("=", 2);

        assertThat(send(request("/sessions/x/end").header("Cookie", cookie).POST(form())).statusCode())
                .isEqualTo(403);
        assertThat(send(request("/test/form").header("Cookie", cookie).POST(form())).statusCode())
                .isEqualTo(403);
        assertThat(send(request("/test/form").header("Cookie", cookie).header(csrf[0], "wrong").POST(form()))
                .statusCode()).isEqualTo(403);

        var accepted = send(request("/test/form").header("Cookie", cookie).header(csrf[0], csrf[1]).POST(form()));
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).isEqualTo("accepted");
    }

    @Test
    void theApiIgnoresADashboardCookie() throws Exception {
        String cookie = cookie(send(request("/login?token=" + token)));

        assertThat(send(request("/api/sessions").header("Cookie", cookie)).statusCode()).isEqualTo(401);
    }

    // --- Actuator

    @Test
    void healthAndInfoAreOpenWithoutTokenAndShowNoSecret() throws Exception {
        var health = send(request("/actuator/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain(token);

        var liveness = send(request("/actuator/health/liveness"));
        assertThat(liveness.statusCode()).isEqualTo(200);

        var info = send(request("/actuator/info"));
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.body()).doesNotContain(token);
    }

    @Test
    void otherActuatorEndpointsNeedALogin() throws Exception {
        assertThat(send(request("/actuator/metrics")).statusCode()).isEqualTo(302);
        assertThat(send(request("/actuator/env")).statusCode()).isIn(302, 404);
    }

    // --- helpers

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60));
    }

    HttpRequest.Builder api(String path) {
        return request(path).header("Authorization", "Bearer " + token);
    }

    static HttpRequest.BodyPublisher json(String body) {
        return BodyPublishers.ofString(body);
    }

    static HttpRequest.BodyPublisher form() {
        return BodyPublishers.ofString("confirm=yes");
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.build();
        if (built.bodyPublisher().isPresent() && built.headers().firstValue("Content-Type").isEmpty()) {
            built = HttpRequest.newBuilder(built, (k, v) -> true).header("Content-Type",
                    built.uri().getPath().startsWith("/api/") ? "application/json" : "application/x-www-form-urlencoded")
                    .build();
        }
        return http.send(built, BodyHandlers.ofString());
    }

    static String cookie(HttpResponse<?> login) {
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    static void assertProblem(HttpResponse<String> response, int status, String detailPart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status).contains(detailPart);
    }

    /** Every path under the home with its size: what "nothing changed" is checked against. */
    static Map<String, String> snapshot() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(home)) {
            walk.filter(p -> !p.startsWith(home.resolve("logs").resolve("mcp-main.log"))).forEach(p -> {
                try {
                    files.put(home.relativize(p).toString(), Files.isDirectory(p) ? "dir" : Long.toString(Files.size(p)));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return files;
    }

    /** A stand-in for the dashboard's future forms: hands out the CSRF token and accepts a POST. */
    @RestController
    static class CsrfProbe {

        @GetMapping("/test/csrf")
        String csrf(CsrfToken token) {
            return token.getHeaderName() + "=" + token.getToken();
        }

        @PostMapping("/test/form")
        String submit() {
            return "accepted";
        }
    }
}
