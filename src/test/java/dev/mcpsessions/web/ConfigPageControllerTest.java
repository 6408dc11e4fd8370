package dev.mcpsessions.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import dev.mcpsessions.config.ConfigValidationService;
import dev.mcpsessions.config.Problem;
import dev.mcpsessions.config.Severity;
import dev.mcpsessions.config.ValidationReport;
import dev.mcpsessions.session.SessionRegistry;

@DashboardSlice
class ConfigPageControllerTest {

    static final String TEMPLATE = "{\"servers\": {\"pve1\": {\"host\": \"pve.lan\", \"realm\": \"p\"}}}";
    static final ValidationReport INVALID = ValidationReport.of(List.of(
            new Problem("servers.pve1.realm", "realm-invalid", Severity.ERROR, "realm 'p' is not a valid realm id.", "Use pve."),
            new Problem("servers.pve1.username", "username-missing", Severity.ERROR, "The user name is missing.", "Add it.")));

    @Autowired
    MockMvc mvc;
    @Autowired
    ConfigValidationService validation;
    @Autowired
    SessionRegistry sessions;

    @Test
    void thePageOffersTheSessionsEnvironments() throws Exception {
        given(sessions.list()).willReturn(List.of(Fixtures.session("s1", false)));

        mvc.perform(get("/config")).andExpect(view().name("config/page"))
                .andExpect(model().attribute("sessions", List.of(Fixtures.session("s1", false))))
                .andExpect(model().attributeDoesNotExist("report"));
    }

    @Test
    void pastedTemplateGetsItsProblemsBesideTheirFields() throws Exception {
        given(validation.validate(eq(TEMPLATE), anyMap(), eq(false))).willReturn(INVALID);

        MvcResult result = mvc.perform(post("/config").with(csrf()).header("HX-Request", "true").param("text", TEMPLATE))
                .andExpect(view().name("config/page :: report")).andReturn();

        ConfigReportView report = (ConfigReportView) result.getModelAndView().getModel().get("report");
        assertThat(report.valid()).isFalse();
        ConfigReportView.Field realm = report.entries().get(0).fields().stream()
                .filter(f -> f.name().equals("realm")).findFirst().orElseThrow();
        assertThat(realm.problems()).extracting(Problem::code).containsExactly("realm-invalid");
        assertThat(result.getResponse().getContentAsString()).contains("data-path=\"servers.pve1.username\"",
                "username-missing", "(missing)");
    }

    @Test
    void anUploadedFileIsValidatedAgainstTheChosenSessionsEnvironment() throws Exception {
        given(sessions.environment("s1")).willReturn(Map.of("PVE_TOKEN", "x"));
        given(validation.validate(TEMPLATE, Map.of("PVE_TOKEN", "x"), true)).willReturn(ValidationReport.of(List.of()));

        mvc.perform(multipart("/config").file(new MockMultipartFile("file", "pve.json", "application/json",
                        TEMPLATE.getBytes(StandardCharsets.UTF_8))).param("envFrom", "s1").param("online", "true")
                        .with(csrf()))
                .andExpect(view().name("config/page"))
                .andExpect(model().attribute("text", TEMPLATE));
    }
}
