package dev.mcpsessions.web;

import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.util.List;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import dev.mcpsessions.cleanup.CleanupAction;
import dev.mcpsessions.cleanup.CleanupReport;
import dev.mcpsessions.cleanup.OrphanReaper;

@DashboardSlice
class CleanupPageControllerTest {

    static final CleanupAction END = new CleanupAction("end-session", "gone", null, 4242L, "owner process 4242 is gone");

    @Autowired
    MockMvc mvc;
    @Autowired
    OrphanReaper reaper;

    @Test
    void thePageOpensOnADryRun() throws Exception {
        given(reaper.run(true)).willReturn(new CleanupReport(true, List.of(END)));

        mvc.perform(get("/cleanup")).andExpect(view().name("cleanup/page"))
                .andExpect(model().attribute("report", new CleanupReport(true, List.of(END))))
                .andExpect(content().string(Matchers.containsString("owner process 4242 is gone")));
        then(reaper).should(never()).run(false);
    }

    @Test
    void runningItAnswersWithTheReportFragment() throws Exception {
        given(reaper.run(false)).willReturn(new CleanupReport(false, List.of(END)));

        mvc.perform(post("/cleanup").with(csrf()).header("HX-Request", "true"))
                .andExpect(view().name("cleanup/page :: report"))
                .andExpect(header().string("HX-Trigger", Matchers.containsString("Cleaned up 1 item(s)")))
                .andExpect(content().string(Matchers.containsString("Done")));
        then(reaper).should().run(false);
    }
}
