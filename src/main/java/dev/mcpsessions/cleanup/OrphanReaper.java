package dev.mcpsessions.cleanup;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    OrphanReaper(SessionRegistry sessions) {
        this.sessions = sessions;
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
            for (CleanupAction action : actions) {
                if ("end-session".equals(action.kind()) && sessions.exists(action.session())) {
                    sessions.end(action.session(), action.reason());
                    log.info("Cleanup: {}", action.describe());
                }
            }
        }
        return new CleanupReport(dryRun, actions);
    }
}
