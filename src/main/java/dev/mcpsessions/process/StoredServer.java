package dev.mcpsessions.process;

/** Contents of {@code configs/<session>/<server>.json}: the spec (no secret values) and the desired state. */
public record StoredServer(ServerSpec spec, DesiredState desired) {
}
