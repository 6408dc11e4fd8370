package dev.mcpsessions.ports;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Service;

import dev.mcpsessions.McpProperties;

/**
 * Ports handed to servers, across all sessions of this home. A port is leased to one server at a
 * time; {@code auto} picks a free one from {@code mcp.ports.range}.
 */
@Service
public class PortLeases {

    private final Map<Integer, PortLease> leases = new ConcurrentHashMap<>();
    private final int first;
    private final int last;

    public PortLeases(McpProperties properties) {
        this.first = properties.ports().first();
        this.last = properties.ports().last();
        if (first < 1 || last > 65535 || first > last) {
            throw new IllegalStateException("mcp.ports.range must be FIRST-LAST within 1-65535, got " + properties.ports().range());
        }
    }

    /** A free, unleased port from the range, leased to the server. */
    public synchronized PortLease leaseAuto(String session, String server) {
        int size = last - first + 1;
        int offset = ThreadLocalRandom.current().nextInt(size); // spread starts so freed ports rest a while
        for (int i = 0; i < size; i++) {
            int port = first + (offset + i) % size;
            if (!leases.containsKey(port) && isFree(port)) {
                PortLease lease = new PortLease(port, session, server);
                leases.put(port, lease);
                return lease;
            }
        }
        throw new PortConflictException("No free port left in " + first + "-" + last);
    }

    /** Leases a fixed port; refused when another server holds it or another program listens on it. */
    public synchronized PortLease leaseFixed(int port, String session, String server) {
        PortLease holder = leases.get(port);
        if (holder != null && !(holder.session().equals(session) && holder.server().equals(server))) {
            throw new PortConflictException("Port " + port + " is leased to server '" + holder.server()
                    + "' of session '" + holder.session() + "'");
        }
        if (holder == null && !isFree(port)) {
            throw new PortConflictException("Port " + port + " is in use by a program outside the manager");
        }
        PortLease lease = new PortLease(port, session, server);
        leases.put(port, lease);
        return lease;
    }

    /** Restores a lease recorded in a pid file, after a restart of the manager. */
    public synchronized void adopt(int port, String session, String server) {
        leases.put(port, new PortLease(port, session, server));
    }

    public synchronized void release(String session, String server) {
        leases.values().removeIf(l -> l.session().equals(session) && l.server().equals(server));
    }

    public synchronized void releaseSession(String session) {
        leases.values().removeIf(l -> l.session().equals(session));
    }

    public Optional<PortLease> holder(int port) {
        return Optional.ofNullable(leases.get(port));
    }

    public List<PortLease> all() {
        return List.copyOf(leases.values());
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
