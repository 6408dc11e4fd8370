package dev.mcpsessions.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;

import dev.mcpsessions.home.JsonFiles;
import dev.mcpsessions.home.ManagerHome;
import dev.mcpsessions.home.ManagerLock;
import tools.jackson.databind.json.JsonMapper;

class BearerTokenFilterTest {

    @TempDir
    Path tmp;

    ManagerLock lock;
    ApiToken token;

    @BeforeEach
    void setUp() {
        ManagerHome home = new ManagerHome(tmp);
        home.createLayout();
        lock = ManagerLock.acquire(home, new JsonFiles(JsonMapper.builder().build(), Clock.systemUTC()));
        token = new ApiToken(home, lock);
    }

    @AfterEach
    void tearDown() {
        lock.close();
        SecurityContextHolder.clearContext();
    }

    @Test
    void theRightTokenAuthenticatesForTheRequestOnly() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/sessions");
        request.addHeader("Authorization", "Bearer " + token.reveal());
        String[] seen = new String[1];
        MockFilterChain chain = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
                seen[0] = SecurityContextHolder.getContext().getAuthentication().getName();
            }
        });

        new BearerTokenFilter(token).doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(seen[0]).isEqualTo("cli");
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Bearer wrong", "Basic dXNlcjpwYXNz", "bearer TOKEN"})
    void anythingElseIs401WithAHint(String header) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/sessions");
        if (!header.isEmpty()) {
            request.addHeader("Authorization", header.replace("TOKEN", token.reveal()));
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        new BearerTokenFilter(token).doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(response.getContentAsString()).contains("the token is in the file <home>/token")
                .doesNotContain(token.reveal());
        assertThat(chain.getRequest()).isNull();
    }
}
