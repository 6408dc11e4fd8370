package dev.mcpsessions.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.process.ServerState;
import dev.mcpsessions.session.SessionRegistry;
import dev.mcpsessions.session.SessionView;

@DashboardSlice
class DashboardControllerTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    SessionRegistry sessions;
    @Autowired
    ProcessSupervisor supervisor;

    @Test
    void overviewShowsEverySessionWithItsServersAndTheCounts() throws Exception {
        given(sessions.list()).willReturn(List.of(Fixtures.session("s1", false), Fixtures.session("s2", true)));
        given(supervisor.listAll()).willReturn(List.of(Fixtures.server("s1", "web", ServerState.RUNNING),
                Fixtures.server("s1", "bad", ServerState.FATAL), Fixtures.server("s2", "db", ServerState.STOPPED)));

        MvcResult result = mvc.perform(get("/")).andExpect(status().isOk()).andExpect(view().name("sessions/list"))
                .andExpect(model().attributeExists("overview")).andReturn();

        Overview overview = (Overview) result.getModelAndView().getModel().get("overview");
        assertThat(overview.summary()).isEqualTo(new Overview.Summary(2, 1, 3, 1, 1, 1));
        assertThat(overview.groups()).extracting(g -> g.session().id()).containsExactly("s1", "s2");
        assertThat(overview.groups().get(0).servers()).extracting(ServerRow::name).containsExactly("web", "bad");
        assertThat(overview.groups().get(0).age()).isEqualTo("2m 5s");
        String html = result.getResponse().getContentAsString();
        assertThat(html).contains("id=\"server-s1-web\"", "RUNNING", "FATAL", "exited with code 3 during start",
                "12.0 MiB", "orphaned", "owner pid 4242");
    }

    @Test
    void theLiveFragmentIsTheCountsAndTableOnly() throws Exception {
        given(sessions.list()).willReturn(List.of(Fixtures.session("s1", false)));
        given(supervisor.listAll()).willReturn(List.of());

        mvc.perform(get("/partials/overview")).andExpect(status().isOk())
                .andExpect(view().name("sessions/list :: live"))
                .andExpect(content().string(not(containsString("<html"))))
                .andExpect(content().string(containsString("id=\"overview\"")));
    }

    @Test
    void aServerOfAnEndedSessionIsLeftOut() throws Exception {
        given(sessions.list()).willReturn(List.of(Fixtures.session("s1", false)));
        given(supervisor.listAll()).willReturn(List.of(Fixtures.server("gone", "web", ServerState.RUNNING)));

        MvcResult result = mvc.perform(get("/")).andReturn();

        Overview overview = (Overview) result.getModelAndView().getModel().get("overview");
        assertThat(overview.summary().servers()).isZero();
    }

    @Test
    void labelsAreEscapedNeverRenderedAsMarkup() throws Exception {
        SessionView labelled = new SessionView("s1", "<b>build</b>", null, DashboardSlice.NOW, 0, null, false);
        given(sessions.list()).willReturn(List.of(labelled));
        given(supervisor.listAll()).willReturn(List.of());

        mvc.perform(get("/")).andExpect(content().string(containsString("&lt;b&gt;build&lt;/b&gt;")))
                .andExpect(content().string(not(containsString("<b>build</b>"))));
    }

    @Test
    void anEmptyOverviewSaysHowToStart() throws Exception {
        given(sessions.list()).willReturn(List.of());
        given(supervisor.listAll()).willReturn(List.of());

        mvc.perform(get("/")).andExpect(status().isOk())
                .andExpect(content().string(containsString("No sessions yet")))
                .andExpect(content().string(containsString("bin/mcp-session-manager.sh init")));
    }
}
