package dev.mcpsessions.home;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a second start on the same home into a short message instead of a stack trace. */
class HomeLockedFailureAnalyzer extends AbstractFailureAnalyzer<HomeLockedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, HomeLockedException cause) {
        return new FailureAnalysis(cause.getMessage() + ".",
                "Use the running manager (bin/mcp-session-manager.sh status), stop it first, or start this one "
                        + "on another home with MCP_SESSIONS_HOME=/some/dir.", cause);
    }
}
