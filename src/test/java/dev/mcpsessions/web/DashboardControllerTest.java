package dev.mcpsessions.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.mcpsessions.session.SessionRegistry;
import dev.mcpsessions.session.SessionView;

/** The controller alone; who may see the pages is the smoke test's business. */
@WebMvcTest(DashboardController.class)
@AutoConfigureMockMvc(addFilters = false)
class DashboardControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    SessionRegistry sessions;

    @Test
    void overviewListsEverySessionAndCountsTheOrphaned() throws Exception {
        List<SessionView> all = List.of(session("s1", 100, false, "<b>build</b>"), session("s2", 0, false, null),
                session("s3", 77, true, null));
        when(sessions.list()).thenReturn(all);

        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(view().name("sessions/list"))
                .andExpect(model().attribute("sessions", all))
                .andExpect(model().attribute("orphanedCount", 1L))
                .andExpect(content().string(containsString("3 session(s)")))
                .andExpect(content().string(containsString("1 orphaned")))
                .andExpect(content().string(containsString("href=\"/sessions/s1\"")))
                .andExpect(content().string(containsString(">none<")))
                .andExpect(content().string(containsString("&lt;b&gt;build&lt;/b&gt;")))
                .andExpect(content().string(not(containsString("<b>build</b>"))));
    }

    @Test
    void anEmptyOverviewSaysHowToStart() throws Exception {
        when(sessions.list()).thenReturn(List.of());

        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("No sessions yet")))
                .andExpect(content().string(containsString("bin/mcp-session-manager.sh init")))
                .andExpect(content().string(not(containsString("orphaned</span>"))));
    }

    @Test
    void loginPageExplainsWhereTheTokenedUrlComesFrom() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(view().name("login"))
                .andExpect(content().string(containsString("bin/mcp-session-manager.sh dashboard")));
    }

    static SessionView session(String id, long owner, boolean orphaned, String label) {
        return new SessionView(id, label, null, Instant.parse("2026-01-01T00:00:00Z"), owner, null, orphaned);
    }
}
