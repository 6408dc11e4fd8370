package dev.mcpsessions.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.doThrow;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.mcpsessions.home.InvalidNameException;
import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.session.CreateSession;
import dev.mcpsessions.session.OwnerNotRunningException;
import dev.mcpsessions.session.SessionExistsException;
import dev.mcpsessions.session.SessionNotFoundException;
import dev.mcpsessions.session.SessionRegistry;
import dev.mcpsessions.session.SessionView;

/** The API's contract: status codes, problem+json details, and that bad input never reaches the registry. */
@WebMvcTest(SessionsController.class)
@Import(StatusTable.class)
@WithMockUser
class SessionsControllerTest {

    static final SessionView ALPHA = new SessionView("alpha", null, "/work", Instant.parse("2026-01-01T00:00:00Z"),
            0, null, false);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    SessionRegistry sessions;

    @MockitoBean
    ProcessSupervisor supervisor;

    @Test
    void listIsAPlainJsonArray() throws Exception {
        when(sessions.list()).thenReturn(List.of(ALPHA));

        mvc.perform(get("/api/sessions").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value("alpha"))
                .andExpect(jsonPath("$[0].cwd").value("/work"))
                .andExpect(jsonPath("$[0].orphaned").value(false));
    }

    @Test
    void listAsTextIsTheStatusTable() throws Exception {
        when(sessions.list()).thenReturn(List.of(ALPHA));

        mvc.perform(get("/api/sessions").accept(MediaType.TEXT_PLAIN))
                .andExpect(status().isOk())
                .andExpect(content().string(startsWith("SESSION  SERVER  STATE")))
                .andExpect(content().string(containsString("alpha    -       active")));
    }

    @Test
    void createAnswers201WithTheSessionAndNoOwnerByDefault() throws Exception {
        when(sessions.create(any(), anyLong())).thenReturn(ALPHA);

        mvc.perform(json(post("/api/sessions"), "{\"name\":\"alpha\",\"label\":\"l\",\"cwd\":\"/work\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value("alpha"));

        verify(sessions).create(new CreateSession("alpha", null, "l", "/work", null), 0);
    }

    @Test
    void createWithoutABodyGeneratesAName() throws Exception {
        when(sessions.create(any(), anyLong())).thenReturn(ALPHA);

        mvc.perform(post("/api/sessions").with(csrf()).accept(MediaType.APPLICATION_JSON)).andExpect(status().isCreated());

        verify(sessions).create(new CreateSession(null, null, null, null, null), 0);
    }

    @Test
    void createAsTextPrintsExactlyTheLineToEval() throws Exception {
        when(sessions.create(any(), anyLong())).thenReturn(ALPHA);

        mvc.perform(post("/api/sessions").with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ownerPid\":0}").accept(MediaType.TEXT_PLAIN))
                .andExpect(status().isCreated())
                .andExpect(content().string("export MCP_SESSION_ID=alpha\n"));

        verify(sessions).create(new CreateSession(null, 0L, null, null, null), 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/b", "A B", "", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void aBadNameIs400WithAClearMessageAndNeverReachesTheRegistry(String name) throws Exception {
        mvc.perform(json(post("/api/sessions"), "{\"name\":\"" + name + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").value(
                        "name: must be 1 to 64 characters of a-z, 0-9, '_' and '-', starting with a letter or digit"));

        verifyNoInteractions(sessions);
    }

    @Test
    void malformedJsonIs400AndNeverReachesTheRegistry() throws Exception {
        mvc.perform(json(post("/api/sessions"), "{\"name\": \"alpha\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(startsWith("Unreadable request body: ")));

        verifyNoInteractions(sessions);
    }

    @Test
    void anUnknownFieldIs400NamingTheFieldAndNeverReachesTheRegistry() throws Exception {
        mvc.perform(json(post("/api/sessions"), "{\"name\":\"alpha\",\"colour\":\"red\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("colour")));

        verifyNoInteractions(sessions);
    }

    @Test
    void aTwoMegabyteBodyIs400AndNeverReachesTheRegistry() throws Exception {
        String huge = "{\"label\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        mvc.perform(json(post("/api/sessions"), huge))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Request body too large: the limit is 1 MiB"));

        verifyNoInteractions(sessions);
    }

    @Test
    void aNegativeOwnerOrAnOverlongLabelIs400() throws Exception {
        mvc.perform(json(post("/api/sessions"), "{\"ownerPid\":-1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(startsWith("ownerPid: ")));
        mvc.perform(json(post("/api/sessions"), "{\"label\":\"" + "l".repeat(201) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(startsWith("label: ")));

        verifyNoInteractions(sessions);
    }

    @Test
    void anOwnerThatDoesNotRunIs400() throws Exception {
        when(sessions.create(any(), anyLong())).thenThrow(new OwnerNotRunningException(99));

        mvc.perform(json(post("/api/sessions"), "{\"ownerPid\":99}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(startsWith("Owner process 99 does not run")));
    }

    @Test
    void anExistingNameIs409() throws Exception {
        when(sessions.create(any(), anyLong())).thenThrow(new SessionExistsException("alpha"));

        mvc.perform(json(post("/api/sessions"), "{\"name\":\"alpha\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("A session named 'alpha' already exists"));
    }

    @Test
    void anUnknownSessionIs404Not500() throws Exception {
        when(sessions.get("ghost")).thenThrow(new SessionNotFoundException("ghost"));
        doThrow(new SessionNotFoundException("ghost")).when(sessions).end(eq("ghost"), any());

        mvc.perform(get("/api/sessions/ghost").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("No session 'ghost'"));
        mvc.perform(delete("/api/sessions/ghost").with(csrf()).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isNotFound());
    }

    @Test
    void aBadNameInThePathIs400AndNeverReachesTheRegistry() throws Exception {
        mvc.perform(get("/api/sessions/{id}", "A B").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(startsWith("Invalid session name 'A B'")));
        mvc.perform(delete("/api/sessions/{id}", "x".repeat(65)).with(csrf()).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest());

        verifyNoInteractions(sessions);
    }

    @Test
    void getAsTextIsAOneSessionTable() throws Exception {
        when(sessions.get("alpha")).thenReturn(ALPHA);

        mvc.perform(get("/api/sessions/alpha").accept(MediaType.TEXT_PLAIN))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("\nalpha ")));
    }

    @Test
    void endAnswers204() throws Exception {
        mvc.perform(delete("/api/sessions/alpha").with(csrf())).andExpect(status().isNoContent());

        verify(sessions).end("alpha", "ended on request");
    }

    @Test
    void theEnvironmentIsStoredAsTheCliSentIt() throws Exception {
        mvc.perform(put("/api/sessions/alpha/environment").with(csrf())
                        .contentType(MediaType.APPLICATION_OCTET_STREAM)
                        .content("A=1\0BASH_FUNC_f%%=() { :; }\0B=two words\0".getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isNoContent());

        ArgumentCaptor<Map<String, String>> env = mapCaptor();
        verify(sessions).replaceEnvironment(eq("alpha"), env.capture());
        org.assertj.core.api.Assertions.assertThat(env.getValue())
                .containsExactly(Map.entry("A", "1"), Map.entry("B", "two words"));
    }

    @Test
    void anInvalidNameExceptionFromBelowIsAlso400() throws Exception {
        when(sessions.list()).thenThrow(new InvalidNameException("server", "X"));

        mvc.perform(get("/api/sessions").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(startsWith("Invalid server name 'X'")));
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.with(csrf()).contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON)
                .content(body);
    }

    @SuppressWarnings("unchecked")
    private static ArgumentCaptor<Map<String, String>> mapCaptor() {
        return ArgumentCaptor.forClass(Map.class);
    }
}
