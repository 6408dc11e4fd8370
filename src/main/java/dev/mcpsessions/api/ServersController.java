package dev.mcpsessions.api;

import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.process.ServerSpec;
import dev.mcpsessions.process.ServerView;
import dev.mcpsessions.session.SessionRegistry;

/**
 * Servers of a session. {@code wait=true} on a start answers once the server is RUNNING, or with
 * 422 and the reason when it ends FATAL: what the CLI's {@code start} returns on.
 */
@RestController
@RequestMapping("/api/sessions/{session}/servers")
class ServersController {

    private static final Duration MAX_WAIT = Duration.ofMinutes(5);

    private final ProcessSupervisor supervisor;
    private final SessionRegistry sessions;
    private final StatusTable table;
    private final ServerStartWaiter waiter;

    ServersController(ProcessSupervisor supervisor, SessionRegistry sessions, StatusTable table,
            ServerStartWaiter waiter) {
        this.supervisor = supervisor;
        this.sessions = sessions;
        this.table = table;
        this.waiter = waiter;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    List<ServerView> list(@PathVariable String session) {
        return supervisor.list(session);
    }

    @GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
    String listAsTable(@PathVariable String session) {
        return table.render(List.of(sessions.get(session)));
    }

    @PostMapping
    ResponseEntity<ServerView> add(@PathVariable String session, @RequestBody ServerSpec spec,
            @RequestParam(defaultValue = "false") boolean wait, @RequestParam(defaultValue = "60") long timeout) {
        ServerView started = supervisor.add(session, spec);
        return ResponseEntity.status(HttpStatus.CREATED).body(waiter.settle(started, wait, timeout(timeout)));
    }

    @GetMapping("/{server}")
    ServerView get(@PathVariable String session, @PathVariable String server) {
        return supervisor.get(session, server);
    }

    @DeleteMapping("/{server}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String session, @PathVariable String server) {
        supervisor.remove(session, server);
    }

    @PostMapping("/{server}/start")
    ServerView start(@PathVariable String session, @PathVariable String server,
            @RequestParam(defaultValue = "false") boolean wait, @RequestParam(defaultValue = "60") long timeout) {
        return waiter.settle(supervisor.start(session, server), wait, timeout(timeout));
    }

    @PostMapping("/{server}/stop")
    ServerView stop(@PathVariable String session, @PathVariable String server) {
        return supervisor.stop(session, server);
    }

    @PostMapping("/{server}/restart")
    ServerView restart(@PathVariable String session, @PathVariable String server,
            @RequestParam(defaultValue = "false") boolean wait, @RequestParam(defaultValue = "60") long timeout) {
        return waiter.settle(supervisor.restart(session, server), wait, timeout(timeout));
    }

    private static Duration timeout(long seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("timeout must be at least 1 second");
        }
        return Duration.ofSeconds(Math.min(seconds, MAX_WAIT.toSeconds()));
    }
}
