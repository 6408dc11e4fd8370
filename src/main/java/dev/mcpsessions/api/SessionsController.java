package dev.mcpsessions.api;

import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.mcpsessions.home.Names;
import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.process.ServerView;
import dev.mcpsessions.session.CreateSession;
import dev.mcpsessions.session.SessionEnvironment;
import dev.mcpsessions.session.SessionRegistry;
import dev.mcpsessions.session.SessionView;

@RestController
@RequestMapping("/api/sessions")
class SessionsController {

    private final SessionRegistry sessions;
    private final ProcessSupervisor supervisor;
    private final StatusTable table;

    SessionsController(SessionRegistry sessions, ProcessSupervisor supervisor, StatusTable table) {
        this.sessions = sessions;
        this.supervisor = supervisor;
        this.table = table;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    List<SessionView> list() {
        return sessions.list();
    }

    @GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
    String listAsTable() {
        return table.render(sessions.list());
    }

    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SessionView> create(@Valid @RequestBody(required = false) CreateSessionRequest body) {
        CreateSessionRequest request = body == null ? new CreateSessionRequest(null, null, null, null) : body;
        SessionView created = sessions.create(new CreateSession(request.name(), request.ownerPid(), request.label(),
                request.cwd(), null), 0);
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    /** The CLI's {@code init}: the line to eval in the shell. */
    @PostMapping(produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> createForShell(@Valid @RequestBody(required = false) CreateSessionRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body("export MCP_SESSION_ID=" + create(body).getBody().id() + "\n");
    }

    @GetMapping(path = "/{session}", produces = MediaType.APPLICATION_JSON_VALUE)
    SessionView get(@PathVariable String session) {
        return sessions.get(Names.requireValid("session", session));
    }

    @GetMapping(path = "/{session}", produces = MediaType.TEXT_PLAIN_VALUE)
    String getAsTable(@PathVariable String session) {
        return table.render(List.of(get(session)));
    }

    /** The CLI's environment as {@code env -0} prints it; replaces the stored one. */
    @PutMapping(path = "/{session}/environment", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void replaceEnvironment(@PathVariable String session, @RequestBody byte[] nulSeparated) {
        sessions.replaceEnvironment(Names.requireValid("session", session), SessionEnvironment.parse(nulSeparated));
    }

    /**
     * The CLI's {@code start --all} and {@code stop --all}: every server of the session that does
     * not run is started, or all are stopped together; the session stays.
     */
    @PostMapping(path = "/{session}/{action:start|stop}", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ServerView> allServers(@PathVariable String session, @PathVariable String action) {
        String id = Names.requireValid("session", session);
        return action.equals("start") ? supervisor.startAll(id) : supervisor.stopAll(id);
    }

    @PostMapping(path = "/{session}/{action:start|stop}", produces = MediaType.TEXT_PLAIN_VALUE)
    String allServersAsTable(@PathVariable String session, @PathVariable String action) {
        allServers(session, action);
        return getAsTable(session);
    }

    @DeleteMapping("/{session}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void end(@PathVariable String session) {
        sessions.end(Names.requireValid("session", session), "ended on request");
    }
}
