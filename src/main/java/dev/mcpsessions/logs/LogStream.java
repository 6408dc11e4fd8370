package dev.mcpsessions.logs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A server log as server-sent events: the last lines, then every line appended, each as an event
 * named {@code line}. Shared by the API's {@code logs/stream} and the dashboard's log tail.
 */
public final class LogStream {

    private LogStream() {
    }

    /** Never times out: a client that goes away ends the following on the next line it misses. */
    public static SseEmitter follow(Path file, int lines) throws IOException {
        SseEmitter emitter = new SseEmitter(0L);
        LogTail.Tail tail = LogTail.tail(file, lines);
        for (String line : tail.lines()) {
            emitter.send(SseEmitter.event().name("line").data(line));
        }
        AtomicReference<LogFollower> follower = new AtomicReference<>();
        follower.set(LogFollower.follow(file, tail.offset(), line -> {
            try {
                emitter.send(SseEmitter.event().name("line").data(line));
            } catch (IOException | IllegalStateException e) {
                LogFollower f = follower.get();
                if (f != null) {
                    f.close(); // the client went away
                }
            }
        }));
        Runnable stop = () -> follower.get().close();
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(e -> stop.run());
        return emitter;
    }
}
