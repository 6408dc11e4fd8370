package dev.mcpsessions.process;

/**
 * A server was removed from its session (stopped first): its state, meters and dashboard row go.
 * Servers of an ending session get no such event; {@code SessionEvent.Ended} covers them.
 */
public record ServerRemoved(String session, String server) {
}
