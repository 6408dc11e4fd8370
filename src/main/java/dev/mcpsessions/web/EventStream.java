package dev.mcpsessions.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open server-sent event streams of the dashboard. Events go out on a thread of their own:
 * the supervisor publishes state changes while it holds a server's lock, and a slow browser
 * must not hold it up. A heartbeat finds the browsers that went away.
 */
@Component
class EventStream {

    private static final Logger log = LoggerFactory.getLogger(EventStream.class);
    /** A browser reconnects by itself after this; short enough that a lost close is noticed. */
    static final Duration TIMEOUT = Duration.ofMinutes(30);
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final Set<SseEmitter> clients = ConcurrentHashMap.newKeySet();
    private final Set<SseEmitter> logTails = ConcurrentHashMap.newKeySet();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(daemon("dashboard-events"));
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            daemon("dashboard-heartbeat"));

    EventStream() {
        heartbeat.scheduleWithFixedDelay(() -> sender.execute(this::ping), HEARTBEAT.toMillis(),
                HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    SseEmitter open() {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        register(clients, emitter);
        send(emitter, SseEmitter.event().comment("open")); // headers go out now: the page sees it is live
        return emitter;
    }

    /** A log tail's stream, so that a shutdown ends it too. */
    SseEmitter track(SseEmitter logTail) {
        register(logTails, logTail);
        return logTail;
    }

    /** Sends {@code name} with {@code data} (a small JSON object) to every open stream. */
    void broadcast(String name, String data) {
        if (clients.isEmpty()) {
            return;
        }
        sender.execute(() -> {
            for (SseEmitter client : clients) {
                send(client, SseEmitter.event().name(name).data(data));
            }
        });
    }

    int size() {
        return clients.size();
    }

    private void ping() {
        for (SseEmitter client : clients) {
            send(client, SseEmitter.event().comment("ping"));
        }
    }

    private void send(SseEmitter client, SseEmitter.SseEventBuilder event) {
        try {
            client.send(event);
        } catch (IOException | IllegalStateException e) {
            clients.remove(client); // the browser went away
            log.debug("Dropped a dashboard stream: {}", e.toString());
        }
    }

    private static void register(Set<SseEmitter> set, SseEmitter emitter) {
        set.add(emitter);
        emitter.onCompletion(() -> set.remove(emitter));
        emitter.onTimeout(() -> set.remove(emitter));
        emitter.onError(e -> set.remove(emitter));
    }

    /** Before the graceful shutdown waits for open requests: streams would hold it up to its end. */
    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        clients.forEach(SseEmitter::complete);
        logTails.forEach(SseEmitter::complete);
        clients.clear();
        logTails.clear();
    }

    @PreDestroy
    void stop() {
        heartbeat.shutdownNow();
        sender.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
