package dev.mcpsessions.api;

import java.io.IOException;
import java.nio.file.Path;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.mcpsessions.logs.LogStream;
import dev.mcpsessions.logs.LogTail;
import dev.mcpsessions.process.ProcessSupervisor;

/** A server's log: the last lines, or a live stream (SSE) that starts with them. */
@RestController
@RequestMapping("/api/sessions/{session}/servers/{server}/logs")
class LogsController {

    private final ProcessSupervisor supervisor;

    LogsController(ProcessSupervisor supervisor) {
        this.supervisor = supervisor;
    }

    @GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
    String lastLines(@PathVariable String session, @PathVariable String server,
            @RequestParam(defaultValue = "100") int lines) {
        var tail = LogTail.lastLines(logFile(session, server), lines(lines));
        return tail.isEmpty() ? "" : String.join("\n", tail) + "\n";
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable String session, @PathVariable String server,
            @RequestParam(defaultValue = "200") int lines) throws IOException {
        return LogStream.follow(logFile(session, server), lines(lines));
    }

    private Path logFile(String session, String server) {
        return Path.of(supervisor.get(session, server).logFile());
    }

    private static int lines(int requested) {
        if (requested < 0 || requested > LogTail.MAX_LINES) {
            throw new IllegalArgumentException("lines must be between 0 and " + LogTail.MAX_LINES);
        }
        return requested;
    }
}
