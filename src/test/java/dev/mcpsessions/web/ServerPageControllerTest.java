package dev.mcpsessions.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import dev.mcpsessions.mcp.ComplianceChecks;
import dev.mcpsessions.mcp.ComplianceReport;
import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.process.ServerConflictException;
import dev.mcpsessions.process.ServerState;
import dev.mcpsessions.process.StateTransition;

@DashboardSlice
class ServerPageControllerTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ProcessSupervisor supervisor;
    @Autowired
    ComplianceChecks checks;

    @Test
    void serverPageShowsSpecWithEnvNamesButNeverTheirValues() throws Exception {
        given(supervisor.get("s1", "web")).willReturn(Fixtures.server("s1", "web", ServerState.RUNNING,
                Map.of("API_TOKEN", "very-secret-value"), List.of(), null));

        MvcResult result = mvc.perform(get("/sessions/s1/servers/web")).andExpect(status().isOk())
                .andExpect(view().name("servers/detail")).andReturn();

        SpecView spec = (SpecView) result.getModelAndView().getModel().get("spec");
        assertThat(spec.envNames()).containsExactly("API_TOKEN");
        assertThat(spec.items()).contains(new SpecView.Item("command", "sleep 300"), new SpecView.Item("port", "auto"));
        String html = result.getResponse().getContentAsString();
        assertThat(html).contains("API_TOKEN", "data-log-src=\"/sessions/s1/servers/web/logs/stream\"")
                .doesNotContain("very-secret-value");
    }

    @Test
    void historyListsTheLastTransitionsNewestFirst() throws Exception {
        List<StateTransition> history = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            history.add(new StateTransition(Instant.parse("2026-05-01T11:00:00Z").plusSeconds(i),
                    ServerState.STARTING, ServerState.RUNNING, 100L + i, "step " + i));
        }
        given(supervisor.get("s1", "web")).willReturn(Fixtures.server("s1", "web", ServerState.RUNNING, Map.of(),
                history, null));

        MvcResult result = mvc.perform(get("/partials/sessions/s1/servers/web"))
                .andExpect(view().name("servers/detail :: live")).andReturn();

        @SuppressWarnings("unchecked")
        List<StateTransition> shown = (List<StateTransition>) result.getModelAndView().getModel().get("history");
        assertThat(shown).hasSize(ServerPageController.HISTORY);
        assertThat(shown.get(0).reason()).isEqualTo("step 29");
        assertThat(result.getResponse().getContentAsString()).contains("step 29", "11:00:29.000");
    }

    @Test
    void aComplianceReportIsShownCheckByCheck() throws Exception {
        Object report = Map.of("passed", false, "checks", List.of(
                Map.of("name", "initialize", "status", "PASS", "detail", "protocol 2025-06-18"),
                Map.of("name", "stdout-clean", "status", "FAIL", "detail", "a log line on stdout")));
        given(supervisor.get("s1", "web")).willReturn(Fixtures.server("s1", "web", ServerState.RUNNING, Map.of(),
                List.of(), report));

        MvcResult result = mvc.perform(get("/sessions/s1/servers/web")).andReturn();

        ProbeView probe = (ProbeView) result.getModelAndView().getModel().get("probe");
        assertThat(probe.passed()).isFalse();
        assertThat(probe.checks()).extracting(ProbeView.Check::name).containsExactly("initialize", "stdout-clean");
        assertThat(result.getResponse().getContentAsString()).contains("a log line on stdout", "failed");
    }

    @Test
    void buttonsStopStartAndRestartTheServer() throws Exception {
        given(supervisor.stop("s1", "web")).willReturn(Fixtures.server("s1", "web", ServerState.STOPPED));

        mvc.perform(post("/sessions/s1/servers/web/stop").with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isNoContent())
                .andExpect(header().string("HX-Trigger", org.hamcrest.Matchers.containsString("web is STOPPED")));
        mvc.perform(post("/sessions/s1/servers/web/start").with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isNoContent());
        mvc.perform(post("/sessions/s1/servers/web/restart").with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isNoContent());

        then(supervisor).should().stop("s1", "web");
        then(supervisor).should().start("s1", "web");
        then(supervisor).should().restart("s1", "web");
    }

    @Test
    void theCheckButtonProbesTheServerAndSaysHowItWent() throws Exception {
        given(checks.checkServer("s1", "mcp")).willReturn(ComplianceReport.of(List.of(
                new ComplianceReport.Check("initialize", ComplianceReport.Status.PASS, "ok", ""),
                new ComplianceReport.Check("ping", ComplianceReport.Status.FAIL, "no answer", ""))));

        mvc.perform(post("/sessions/s1/servers/mcp/check").with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isNoContent())
                .andExpect(header().string("HX-Trigger", org.hamcrest.Matchers.containsString("1 check(s) failed")));
    }

    @Test
    void aServerWithoutMcpConnectionCannotBeCheckedAndSaysWhy() throws Exception {
        given(checks.checkServer("s1", "web")).willThrow(new ServerConflictException("Server 'web' has no live MCP connection"));

        mvc.perform(post("/sessions/s1/servers/web/check").with(csrf()).header("HX-Request", "true"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("Server 'web' has no live MCP connection"));
    }

    @Test
    void theCheckButtonIsOfferedOnlyForMcpTransports() throws Exception {
        given(supervisor.get("s1", "web")).willReturn(Fixtures.server("s1", "web", ServerState.RUNNING));

        mvc.perform(get("/sessions/s1/servers/web"))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("action-check"))))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("check -- COMMAND")));
    }
}
