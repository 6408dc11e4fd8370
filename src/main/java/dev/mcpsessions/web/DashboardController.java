package dev.mcpsessions.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.mcpsessions.session.SessionRegistry;

@Controller
class DashboardController {

    private final SessionRegistry sessions;

    DashboardController(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @GetMapping("/")
    String overview(Model model) {
        var all = sessions.list();
        model.addAttribute("sessions", all);
        model.addAttribute("orphanedCount", all.stream().filter(s -> s.orphaned()).count());
        return "sessions/list";
    }

    /** Where an unauthenticated browser lands: explains how to get the tokened URL. */
    @GetMapping("/login")
    String login() {
        return "login";
    }
}
