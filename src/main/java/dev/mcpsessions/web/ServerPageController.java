package dev.mcpsessions.web;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.mcpsessions.logs.LogStream;
import dev.mcpsessions.mcp.ComplianceChecks;
import dev.mcpsessions.mcp.ComplianceReport;
import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.process.ServerView;
import dev.mcpsessions.process.StateTransition;

import tools.jackson.databind.json.JsonMapper;

/** One server: spec, state history, live log tail, compliance report and the buttons that act on it. */
@Controller
class ServerPageController {

    /** Lines the log tail starts with. */
    static final int TAIL_LINES = 200;
    /** Transitions the history lists, newest first. */
    static final int HISTORY = 20;

    private final ProcessSupervisor supervisor;
    private final ComplianceChecks checks;
    private final EventStream streams;
    private final JsonMapper json;

    ServerPageController(ProcessSupervisor supervisor, ComplianceChecks checks, EventStream streams, JsonMapper json) {
        this.supervisor = supervisor;
        this.checks = checks;
        this.streams = streams;
        this.json = json;
    }

    @GetMapping("/sessions/{session}/servers/{server}")
    String server(@PathVariable String session, @PathVariable String server, Model model) {
        ServerView view = addState(session, server, model);
        model.addAttribute("spec", SpecView.of(view.spec()));
        model.addAttribute("logFile", view.logFile());
        return "servers/detail";
    }

    @GetMapping("/partials/sessions/{session}/servers/{server}")
    String stateFragment(@PathVariable String session, @PathVariable String server, Model model) {
        addState(session, server, model);
        return "servers/detail :: live";
    }

    @GetMapping(path = "/sessions/{session}/servers/{server}/logs/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter logs(@PathVariable String session, @PathVariable String server) throws IOException {
        SseEmitter emitter = LogStream.follow(Path.of(supervisor.get(session, server).logFile()), TAIL_LINES);
        // flushes the headers even when the log is empty, so that the page knows it is connected
        emitter.send(SseEmitter.event().comment("following"));
        return streams.track(emitter);
    }

    @PostMapping("/sessions/{session}/servers/{server}/start")
    ResponseEntity<Void> start(@PathVariable String session, @PathVariable String server, HttpServletRequest request) {
        supervisor.start(session, server);
        return Outcomes.done(request, "Starting " + server, page(session, server));
    }

    @PostMapping("/sessions/{session}/servers/{server}/stop")
    ResponseEntity<Void> stop(@PathVariable String session, @PathVariable String server, HttpServletRequest request) {
        ServerView stopped = supervisor.stop(session, server);
        return Outcomes.done(request, server + " is " + stopped.state(), page(session, server));
    }

    @PostMapping("/sessions/{session}/servers/{server}/restart")
    ResponseEntity<Void> restart(@PathVariable String session, @PathVariable String server,
            HttpServletRequest request) {
        supervisor.restart(session, server);
        return Outcomes.done(request, "Restarting " + server, page(session, server));
    }

    /** Probes the running server over the manager's own MCP connection; the page shows the report. */
    @PostMapping("/sessions/{session}/servers/{server}/check")
    ResponseEntity<Void> check(@PathVariable String session, @PathVariable String server, HttpServletRequest request) {
        ComplianceReport report = checks.checkServer(session, server);
        long failed = report.checks().stream().filter(c -> c.status() == ComplianceReport.Status.FAIL).count();
        return Outcomes.done(request, "Compliance check of " + server + (report.passed() ? " passed"
                : ": " + failed + " check(s) failed"), page(session, server));
    }

    private ServerView addState(String session, String server, Model model) {
        ServerView view = supervisor.get(session, server);
        model.addAttribute("server", view);
        model.addAttribute("row", ServerRow.of(view));
        model.addAttribute("history", newestFirst(view.history(), HISTORY));
        model.addAttribute("probe", ProbeView.of(view.lastProbe(), json));
        return view;
    }

    static List<StateTransition> newestFirst(List<StateTransition> history, int limit) {
        List<StateTransition> recent = new ArrayList<>(history.subList(Math.max(0, history.size() - limit), history.size()));
        Collections.reverse(recent);
        return recent;
    }

    private static String page(String session, String server) {
        return "/sessions/" + session + "/servers/" + server;
    }
}
