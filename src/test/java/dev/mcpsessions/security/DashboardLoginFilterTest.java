package dev.mcpsessions.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import dev.mcpsessions.home.JsonFiles;
import dev.mcpsessions.home.ManagerHome;
import dev.mcpsessions.home.ManagerLock;
import tools.jackson.databind.json.JsonMapper;

class DashboardLoginFilterTest {

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
    void theTokenedUrlLogsInAndRedirectsToTheOverviewWithoutTheToken() throws Exception {
        MockHttpServletRequest request = login(token.reveal());
        MockHttpSession before = new MockHttpSession();
        request.setSession(before);
        String idBefore = before.getId();
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        new DashboardLoginFilter(token).doFilter(request, response, chain);

        assertThat(response.getRedirectedUrl()).isEqualTo("/");
        assertThat(chain.getRequest()).isNull();
        assertThat(request.getSession().getId()).as("session fixation").isNotEqualTo(idBefore);
        SecurityContext saved = (SecurityContext) request.getSession()
                .getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        assertThat(saved.getAuthentication().getName()).isEqualTo("dashboard");
        assertThat(saved.getAuthentication().getAuthorities()).extracting(Object::toString).containsExactly("ROLE_DASHBOARD");
    }

    @Test
    void aWrongOrMissingTokenShowsTheLoginPageAndLogsNobodyIn() throws Exception {
        for (String wrong : new String[] {"wrong", null}) {
            MockHttpServletRequest request = login(wrong);
            MockFilterChain chain = new MockFilterChain();

            new DashboardLoginFilter(token).doFilter(request, new MockHttpServletResponse(), chain);

            assertThat(chain.getRequest()).isNotNull();
            assertThat(request.getSession(false)).isNull();
            assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
        }
    }

    @Test
    void onlyGetOfLoginIsHandled() throws Exception {
        MockHttpServletRequest post = login(token.reveal());
        post.setMethod("POST");
        MockHttpServletRequest other = login(token.reveal());
        other.setServletPath("/");
        other.setRequestURI("/");

        for (MockHttpServletRequest request : new MockHttpServletRequest[] {post, other}) {
            MockFilterChain chain = new MockFilterChain();
            new DashboardLoginFilter(token).doFilter(request, new MockHttpServletResponse(), chain);
            assertThat(chain.getRequest()).isNotNull();
            assertThat(request.getSession(false)).isNull();
        }
    }

    private static MockHttpServletRequest login(String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/login");
        request.setServletPath("/login");
        if (value != null) {
            request.setParameter("token", value);
        }
        return request;
    }
}
