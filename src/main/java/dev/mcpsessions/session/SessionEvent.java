package dev.mcpsessions.session;

/** Published around a session's life; listeners run synchronously, on the caller's thread. */
public sealed interface SessionEvent {

    String sessionId();

    record Created(String sessionId) implements SessionEvent {}

    /** Before the directories go: listeners stop the session's servers here. */
    record Ending(String sessionId, String reason) implements SessionEvent {}

    record Ended(String sessionId, String reason) implements SessionEvent {}
}
