package dev.mcpsessions.web;

import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import dev.mcpsessions.home.Names;
import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.process.ServerView;
import dev.mcpsessions.session.SessionRegistry;
import dev.mcpsessions.session.SessionView;

/** One session: its servers, the form that starts another, start-all, stop-all and the end button. */
@Controller
class SessionPageController {

    private final SessionRegistry sessions;
    private final ProcessSupervisor supervisor;
    private final Clock clock;

    SessionPageController(SessionRegistry sessions, ProcessSupervisor supervisor, Clock clock) {
        this.sessions = sessions;
        this.supervisor = supervisor;
        this.clock = clock;
    }

    @GetMapping("/sessions/{session}")
    String session(@PathVariable String session, Model model) {
        addServers(session, model);
        return "sessions/detail";
    }

    @GetMapping("/partials/sessions/{session}/servers")
    String serversFragment(@PathVariable String session, Model model) {
        addServers(session, model);
        return "sessions/detail :: servers";
    }

    @PostMapping("/sessions/{session}/servers")
    ResponseEntity<Void> startServer(@PathVariable String session, @ModelAttribute StartServerForm form,
            HttpServletRequest request) {
        ServerView started = supervisor.add(Names.requireValid("session", session), form.toSpec());
        return Outcomes.done(request, "Starting " + started.name(), "/sessions/" + session);
    }

    @PostMapping("/sessions/{session}/start-all")
    ResponseEntity<Void> startAll(@PathVariable String session, HttpServletRequest request) {
        supervisor.startAll(Names.requireValid("session", session));
        return Outcomes.done(request, "Starting every server that did not run", "/sessions/" + session);
    }

    @PostMapping("/sessions/{session}/stop-all")
    ResponseEntity<Void> stopAll(@PathVariable String session, HttpServletRequest request) {
        int servers = supervisor.stopAll(Names.requireValid("session", session)).size();
        return Outcomes.done(request, "Stopped " + servers + (servers == 1 ? " server" : " servers"),
                "/sessions/" + session);
    }

    @PostMapping("/sessions/{session}/end")
    ResponseEntity<Void> end(@PathVariable String session, HttpServletRequest request) {
        sessions.end(Names.requireValid("session", session), "ended from the dashboard");
        return Outcomes.doneAndLeave(request, "Session " + session + " ended", "/");
    }

    private void addServers(String id, Model model) {
        SessionView session = sessions.get(Names.requireValid("session", id));
        model.addAttribute("current", session); // not "session": Thymeleaf reserves that name for the HttpSession
        model.addAttribute("owner", Overview.owner(session));
        model.addAttribute("age", Display.duration(Duration.between(session.createdAt(), clock.instant())));
        model.addAttribute("servers", supervisor.list(id).stream().map(ServerRow::of).toList());
    }
}
