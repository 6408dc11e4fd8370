package dev.mcpsessions.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class LoopbackGuardFilterTest {

    static final int PORT = 8787;

    @ParameterizedTest
    @CsvSource({"localhost,localhost", "LOCALHOST:8787,localhost", "127.0.0.1:8787,127.0.0.1", "[::1]:8787,[::1]",
            "[::1],[::1]", " evil.example:80 ,evil.example", "127.0.0.1.evil.example,127.0.0.1.evil.example"})
    void hostNameDropsThePortAndCase(String header, String expected) {
        assertThat(LoopbackGuardFilter.hostName(header)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8787", "http://localhost:8787", "http://[::1]:8787", "http://LOCALHOST:8787"})
    void theManagersOwnOriginIsAccepted(String origin) {
        assertThat(LoopbackGuardFilter.isOwnOrigin(origin, PORT)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://evil.example:8787", "http://127.0.0.1:8788", "http://127.0.0.1", "https://127.0.0.1:8787",
            "null", "", "file://", "http://127.0.0.1.evil.example:8787", "::garbage::"})
    void anyOtherOriginIsForeign(String origin) {
        assertThat(LoopbackGuardFilter.isOwnOrigin(origin, PORT)).isFalse();
    }

    @Test
    void aLoopbackRequestWithoutOriginPasses() throws Exception {
        MockFilterChain chain = new MockFilterChain();

        MockHttpServletResponse response = filter(request("127.0.0.1:8787", null), chain);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(chain.getRequest()).isNotNull();
    }

    @Test
    void aRequestFromTheManagersOwnPagePasses() throws Exception {
        MockFilterChain chain = new MockFilterChain();

        filter(request("localhost:8787", "http://localhost:8787"), chain);

        assertThat(chain.getRequest()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:8787", "192.168.1.10:8787", "0.0.0.0:8787"})
    void aForeignHostIs403(String host) throws Exception {
        MockFilterChain chain = new MockFilterChain();

        MockHttpServletResponse response = filter(request(host, null), chain);

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("Host header must name the loopback interface");
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void aMissingHostIs403() throws Exception {
        assertThat(filter(request(null, null), new MockFilterChain()).getStatus()).isEqualTo(403);
    }

    @Test
    void aForeignOriginIs403() throws Exception {
        MockFilterChain chain = new MockFilterChain();

        MockHttpServletResponse response = filter(request("127.0.0.1:8787", "http://evil.example"), chain);

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("Requests from another origin are refused");
        assertThat(chain.getRequest()).isNull();
    }

    private static MockHttpServletRequest request(String host, String origin) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/sessions");
        request.setLocalPort(PORT);
        if (host != null) {
            request.addHeader("Host", host);
        }
        if (origin != null) {
            request.addHeader("Origin", origin);
        }
        return request;
    }

    private static MockHttpServletResponse filter(MockHttpServletRequest request, MockFilterChain chain)
            throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new LoopbackGuardFilter().doFilter(request, response, chain);
        return response;
    }
}
