package dev.mcpsessions.api;

import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.mcpsessions.cleanup.CleanupAction;
import dev.mcpsessions.cleanup.CleanupReport;
import dev.mcpsessions.cleanup.OrphanReaper;

@WebMvcTest(CleanupController.class)
@WithMockUser
class CleanupControllerTest {

    static final CleanupAction ORPHAN = new CleanupAction("end-session", "s1", null, 42L, "owner process 42 is gone");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    OrphanReaper reaper;

    @Test
    void dryRunListsWhatItWouldDoAsText() throws Exception {
        when(reaper.run(true)).thenReturn(new CleanupReport(true, List.of(ORPHAN)));

        mvc.perform(post("/api/cleanup").param("dryRun", "true").with(csrf()).accept(MediaType.TEXT_PLAIN))
                .andExpect(status().isOk())
                .andExpect(content().string("Would do:\n  end-session session=s1 pid=42 (owner process 42 is gone)\n"));
        verify(reaper).run(true);
    }

    @Test
    void aRealRunIsTheDefaultAndSaysWhenThereIsNothingToDo() throws Exception {
        when(reaper.run(false)).thenReturn(new CleanupReport(false, List.of()));

        mvc.perform(post("/api/cleanup").with(csrf()).accept(MediaType.TEXT_PLAIN))
                .andExpect(status().isOk())
                .andExpect(content().string("Nothing to clean up.\n"));
        verify(reaper).run(false);
    }

    @Test
    void theReportIsAlsoJson() throws Exception {
        when(reaper.run(false)).thenReturn(new CleanupReport(false, List.of(ORPHAN)));

        mvc.perform(post("/api/cleanup").with(csrf()).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.dryRun").value(false))
                .andExpect(jsonPath("$.actions[0].session").value("s1"))
                .andExpect(jsonPath("$.actions[0].pid").value(42));
    }
}
