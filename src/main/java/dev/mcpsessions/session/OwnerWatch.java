package dev.mcpsessions.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.mcpsessions.process.ProcessIdentity;

/**
 * Announces the exit of each session's owner as it happens ({@link ProcessHandle#onExit()}), so an
 * orphaned session is reaped at once rather than at the next sweep. The JDK waits for a process
 * that is not our child by polling it (at most every 5 s) and sees a zombie as alive; the reaper's
 * periodic sweep covers both.
 */
@Component
class OwnerWatch {

    private static final Logger log = LoggerFactory.getLogger(OwnerWatch.class);

    private final SessionRegistry sessions;
    private final ApplicationEventPublisher events;
    private final Set<String> watched = ConcurrentHashMap.newKeySet();

    OwnerWatch(SessionRegistry sessions, ApplicationEventPublisher events) {
        this.sessions = sessions;
        this.events = events;
    }

    @EventListener(ApplicationReadyEvent.class)
    void watchLoadedSessions() {
        sessions.list().forEach(this::watch);
    }

    @EventListener
    void onCreated(SessionEvent.Created event) {
        sessions.find(event.sessionId()).ifPresent(this::watch);
    }

    @EventListener
    void onEnded(SessionEvent.Ended event) {
        watched.remove(event.sessionId());
    }

    private void watch(SessionView session) {
        if (session.ownerPid() == 0 || session.ownerStartTime() == null || !watched.add(session.id())) {
            return;
        }
        ProcessIdentity owner = new ProcessIdentity(session.ownerPid(), session.ownerStartTime());
        try {
            owner.handle().ifPresentOrElse(
                    handle -> handle.onExit().thenRun(() -> exited(session.id(), owner.pid())),
                    () -> exited(session.id(), owner.pid()));
        } catch (IllegalStateException e) {
            // the owner is the manager itself: its exit needs no announcement
            log.debug("Not watching owner {} of session {}: {}", owner.pid(), session.id(), e.getMessage());
        }
    }

    private void exited(String session, long pid) {
        if (watched.remove(session)) {
            log.info("Owner process {} of session {} exited", pid, session);
            events.publishEvent(new SessionOwnerExited(session, pid));
        }
    }
}
