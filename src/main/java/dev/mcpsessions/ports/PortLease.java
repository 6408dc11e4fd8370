package dev.mcpsessions.ports;

/** A port held by one server of one session. */
public record PortLease(int port, String session, String server) {
}
