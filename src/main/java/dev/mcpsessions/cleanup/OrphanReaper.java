package dev.mcpsessions.cleanup;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import dev.mcpsessions.session.SessionRegistry;
import dev.mcpsessions.session.SessionView;

/**
 * Finds what no live owner accounts for and removes it. A dry run plans exactly what a real run
 * would act on and changes nothing.
 */
@Service
public class OrphanReaper {

    private static final Logger log = LoggerFactory.getLogger(OrphanReaper.class);

    private final SessionRegistry sessions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    OrphanReaper(SessionRegistry sessions) {
        this(sessions, event -> { }, Clock.systemUTC());
    }

    @Autowired
    OrphanReaper(SessionRegistry sessions, ApplicationEventPublisher events, Clock clock) {
        this.sessions = sessions;
        this.events = events;
        this.clock = clock;
    }

    public List<CleanupAction> plan() {
        List<CleanupAction> actions = new ArrayList<>();
        for (SessionView session : sessions.list()) {
            if (session.orphaned()) {
                actions.add(new CleanupAction("end-session", session.id(), null, session.ownerPid(),
                        "owner process " + session.ownerPid() + " is gone"));
            }
        }
        return actions;
    }

    public synchronized CleanupReport run(boolean dryRun) {
        List<CleanupAction> actions = plan();
        if (!dryRun) {
            try {
                for (CleanupAction action : actions) {
                    if ("end-session".equals(action.kind()) && sessions.exists(action.session())) {
                        sessions.end(action.session(), action.reason());
                        log.info("Cleanup: {}", action.describe());
                    }
                }
            } catch (RuntimeException e) {
                // no stray processes are killed here yet: ending a session stops its servers' trees
                events.publishEvent(new ReaperRun(clock.instant(), actions.size(), 0, e.toString()));
                throw e;
            }
            events.publishEvent(new ReaperRun(clock.instant(), actions.size(), 0, null));
        }
        return new CleanupReport(dryRun, actions);
    }
}
