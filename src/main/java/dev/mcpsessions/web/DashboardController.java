package dev.mcpsessions.web;

import java.time.Clock;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.session.SessionRegistry;

/** The overview: every session and its servers, refreshed as a fragment when a state changes. */
@Controller
class DashboardController {

    private final SessionRegistry sessions;
    private final ProcessSupervisor supervisor;
    private final Clock clock;

    DashboardController(SessionRegistry sessions, ProcessSupervisor supervisor, Clock clock) {
        this.sessions = sessions;
        this.supervisor = supervisor;
        this.clock = clock;
    }

    @GetMapping("/")
    String overview(Model model) {
        model.addAttribute("overview", overview());
        return "sessions/list";
    }

    @GetMapping("/partials/overview")
    String overviewFragment(Model model) {
        model.addAttribute("overview", overview());
        return "sessions/list :: live";
    }

    /** Where an unauthenticated browser lands: explains how to get the tokened URL. */
    @GetMapping("/login")
    String login() {
        return "login";
    }

    private Overview overview() {
        // sessions first: a server listed without its session is skipped, never shown orphaned
        var all = sessions.list();
        return Overview.of(all, supervisor.listAll(), clock.instant());
    }
}
