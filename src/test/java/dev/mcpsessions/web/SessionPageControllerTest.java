package dev.mcpsessions.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import dev.mcpsessions.process.Autorestart;
import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.process.ServerConflictException;
import dev.mcpsessions.process.ServerSpec;
import dev.mcpsessions.process.ServerState;
import dev.mcpsessions.session.SessionNotFoundException;
import dev.mcpsessions.session.SessionRegistry;

@DashboardSlice
class SessionPageControllerTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    SessionRegistry sessions;
    @Autowired
    ProcessSupervisor supervisor;

    @Test
    void sessionPageShowsItsServersAndTheStartForm() throws Exception {
        given(sessions.get("s1")).willReturn(Fixtures.session("s1", false));
        given(supervisor.list("s1")).willReturn(List.of(Fixtures.server("s1", "web", ServerState.RUNNING)));

        mvc.perform(get("/sessions/s1")).andExpect(status().isOk()).andExpect(view().name("sessions/detail"))
                .andExpect(model().attribute("owner", "none")).andExpect(model().attribute("age", "2m 5s"))
                .andExpect(model().attribute("servers", List.of(ServerRow.of(Fixtures.server("s1", "web", ServerState.RUNNING)))))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"start-form\"")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("name=\"_csrf\"")));
    }

    @Test
    void serversFragmentIsTheTableOnly() throws Exception {
        given(sessions.get("s1")).willReturn(Fixtures.session("s1", false));
        given(supervisor.list("s1")).willReturn(List.of());

        mvc.perform(get("/partials/sessions/s1/servers")).andExpect(view().name("sessions/detail :: servers"));
    }

    @Test
    void aMissingSessionIsA404Page() throws Exception {
        given(sessions.get("nope")).willThrow(new SessionNotFoundException("nope"));

        mvc.perform(get("/sessions/nope")).andExpect(status().isNotFound()).andExpect(view().name("error"))
                .andExpect(model().attribute("detail", "No session 'nope'"));
    }

    @Test
    void theStartFormStartsTheServerItDescribes() throws Exception {
        given(supervisor.add(eq("s1"), any())).willReturn(Fixtures.server("s1", "web", ServerState.STARTING));

        mvc.perform(post("/sessions/s1/servers").with(csrf()).header("HX-Request", "true")
                        .param("name", "web").param("command", "python3 -m http.server {port}")
                        .param("autorestart", "always").param("transport", "none").param("portMode", "auto")
                        .param("env", "API_TOKEN=secret\n# comment\n\nMODE=a=b").param("configFile", ""))
                .andExpect(status().isNoContent())
                .andExpect(header().string("HX-Trigger", org.hamcrest.Matchers.containsString("Starting web")));

        ArgumentCaptor<ServerSpec> spec = ArgumentCaptor.forClass(ServerSpec.class);
        then(supervisor).should().add(eq("s1"), spec.capture());
        assertThat(spec.getValue().name()).isEqualTo("web");
        assertThat(spec.getValue().command()).isEqualTo("python3 -m http.server {port}");
        assertThat(spec.getValue().autorestart()).isEqualTo(Autorestart.ALWAYS);
        assertThat(spec.getValue().port()).isEqualTo("auto");
        assertThat(spec.getValue().env()).isEqualTo(Map.of("API_TOKEN", "secret", "MODE", "a=b"));
        assertThat(spec.getValue().config()).isNull();
    }

    @Test
    void aRefusedStartAnswersProblemJsonWithTheReason() throws Exception {
        given(supervisor.add(eq("s1"), any())).willThrow(new ServerConflictException("Server 'web' is RUNNING"));

        mvc.perform(post("/sessions/s1/servers").with(csrf()).header("HX-Request", "true")
                        .param("name", "web").param("command", "sleep 1"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Server 'web' is RUNNING"));
    }

    @Test
    void aFormWithoutCommandIsRefusedBeforeAnythingStarts() throws Exception {
        mvc.perform(post("/sessions/s1/servers").with(csrf()).header("HX-Request", "true").param("name", "web"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value("command is required"));
        then(supervisor).should(never()).add(any(), any());
    }

    @Test
    void aPostWithoutCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/sessions/s1/servers").param("name", "web").param("command", "sleep 1"))
                .andExpect(status().isForbidden());
        then(supervisor).should(never()).add(any(), any());
    }

    @Test
    void aPlainFormPostIsSentBackToTheSessionPage() throws Exception {
        given(supervisor.add(eq("s1"), any())).willReturn(Fixtures.server("s1", "web", ServerState.STARTING));

        mvc.perform(post("/sessions/s1/servers").with(csrf()).param("name", "web").param("command", "sleep 1"))
                .andExpect(status().isSeeOther()).andExpect(header().string("Location", "/sessions/s1"));
    }

    @Test
    void startAllAndStopAllActOnTheWholeSessionAndSayWhatTheyDid() throws Exception {
        given(supervisor.stopAll("s1")).willReturn(List.of(Fixtures.server("s1", "web", ServerState.STOPPED),
                Fixtures.server("s1", "db", ServerState.STOPPED)));
        given(supervisor.startAll("s1")).willReturn(List.of(Fixtures.server("s1", "web", ServerState.STARTING)));

        mvc.perform(post("/sessions/s1/stop-all").with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isNoContent())
                .andExpect(header().string("HX-Trigger", org.hamcrest.Matchers.containsString("Stopped 2 servers")));
        mvc.perform(post("/sessions/s1/start-all").with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isNoContent());

        then(supervisor).should().stopAll("s1");
        then(supervisor).should().startAll("s1");
    }

    @Test
    void startAllAndStopAllNeedTheCsrfToken() throws Exception {
        mvc.perform(post("/sessions/s1/stop-all")).andExpect(status().isForbidden());
        mvc.perform(post("/sessions/s1/start-all")).andExpect(status().isForbidden());
        then(supervisor).should(never()).stopAll(any());
        then(supervisor).should(never()).startAll(any());
    }

    @Test
    void endingTheSessionLeavesForTheOverview() throws Exception {
        mvc.perform(post("/sessions/s1/end").with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isNoContent()).andExpect(header().string("HX-Redirect", "/"));
        then(sessions).should().end("s1", "ended from the dashboard");
    }
}
