package dev.mcpsessions.web;

import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.mcpsessions.process.ServerRemoved;
import dev.mcpsessions.process.ServerStateChanged;
import dev.mcpsessions.session.SessionEvent;

/**
 * {@code GET /events}: tells open pages what changed, in small events ({@code server},
 * {@code session}); a page then fetches the fragment that shows it. Names are checked names
 * ({@code [a-z0-9_-]}), so they need no JSON escaping.
 */
@Controller
class LiveEventsController {

    private final EventStream stream;

    LiveEventsController(EventStream stream) {
        this.stream = stream;
    }

    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter events() {
        return stream.open();
    }

    @EventListener
    void onServerStateChanged(ServerStateChanged event) {
        stream.broadcast("server", "{\"session\":\"" + event.session() + "\",\"server\":\"" + event.server()
                + "\",\"state\":\"" + event.to() + "\"}");
    }

    @EventListener
    void onServerRemoved(ServerRemoved event) {
        stream.broadcast("server", "{\"session\":\"" + event.session() + "\",\"server\":\"" + event.server()
                + "\",\"state\":\"REMOVED\"}");
    }

    @EventListener
    void onSessionEvent(SessionEvent event) {
        if (event instanceof SessionEvent.Ending) {
            return; // its servers' STOPPED events and Ended follow
        }
        String kind = event instanceof SessionEvent.Created ? "created" : "ended";
        stream.broadcast("session", "{\"session\":\"" + event.sessionId() + "\",\"change\":\"" + kind + "\"}");
    }
}
