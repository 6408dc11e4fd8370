package dev.mcpsessions.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import dev.mcpsessions.McpProperties;

class PortLeasesTest {

    @Test
    void autoLeasesAreDistinctAndFromTheRangeUntilItIsUsedUp() {
        int first = freeRangeStart();
        PortLeases leases = new PortLeases(properties(first + "-" + (first + 4)));
        Set<Integer> ports = new HashSet<>();

        for (int i = 0; i < 5; i++) {
            ports.add(leases.leaseAuto("s" + i, "web").port());
        }

        assertThat(ports).hasSize(5).allSatisfy(p -> assertThat(p).isBetween(first, first + 4));
        assertThatThrownBy(() -> leases.leaseAuto("s9", "web")).isInstanceOf(PortConflictException.class)
                .hasMessage("No free port left in " + first + "-" + (first + 4));
    }

    @Test
    void autoSkipsAPortAnotherProgramListensOn() throws IOException {
        int first = freeRangeStart();
        try (ServerSocket outsider = new ServerSocket(first, 1, InetAddress.getLoopbackAddress())) {
            PortLeases leases = new PortLeases(properties(first + "-" + (first + 1)));

            assertThat(leases.leaseAuto("s1", "web").port()).isEqualTo(first + 1);
            assertThatThrownBy(() -> leases.leaseAuto("s2", "web")).isInstanceOf(PortConflictException.class);
        }
    }

    @Test
    void aFixedPortHeldByAnotherSessionIsRefusedNamingTheHolder() {
        int port = freeRangeStart();
        PortLeases leases = new PortLeases(properties("20000-29999"));
        leases.leaseFixed(port, "s1", "web");

        assertThatThrownBy(() -> leases.leaseFixed(port, "s2", "web")).isInstanceOf(PortConflictException.class)
                .hasMessage("Port " + port + " is leased to server 'web' of session 's1'");
        assertThat(leases.leaseFixed(port, "s1", "web")).isEqualTo(new PortLease(port, "s1", "web"));
        assertThat(leases.holder(port)).contains(new PortLease(port, "s1", "web"));

        leases.release("s1", "web");

        assertThat(leases.holder(port)).isEmpty();
        assertThat(leases.leaseFixed(port, "s2", "web").session()).isEqualTo("s2");
    }

    @Test
    void aFixedPortAnotherProgramListensOnIsRefused() throws IOException {
        try (ServerSocket outsider = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            PortLeases leases = new PortLeases(properties("20000-29999"));

            assertThatThrownBy(() -> leases.leaseFixed(outsider.getLocalPort(), "s1", "web"))
                    .isInstanceOf(PortConflictException.class).hasMessageContaining("in use by a program outside the manager");
        }
    }

    @Test
    void endingASessionReleasesAllItsPortsAndNoOtherSessions() {
        PortLeases leases = new PortLeases(properties("20000-29999"));
        int a1 = leases.leaseAuto("a", "one").port();
        int a2 = leases.leaseAuto("a", "two").port();
        int b1 = leases.leaseAuto("b", "one").port();

        leases.releaseSession("a");

        assertThat(leases.all()).containsExactly(new PortLease(b1, "b", "one"));
        assertThat(leases.holder(a1)).isEmpty();
        assertThat(leases.holder(a2)).isEmpty();
    }

    @Test
    void aBadRangeStopsTheManagerFromStarting() {
        assertThatIllegalStateException().isThrownBy(() -> new PortLeases(properties("30000-20000")))
                .withMessageContaining("mcp.ports.range must be FIRST-LAST within 1-65535");
        assertThatIllegalStateException().isThrownBy(() -> new PortLeases(properties("1-70000")));
    }

    /** The first of five ports that nothing listens on right now. */
    private static int freeRangeStart() {
        for (int first = 41000; first < 60000; first += 5) {
            boolean free = true;
            for (int p = first; p < first + 5 && free; p++) {
                free = PortLeases.isFree(p);
            }
            if (free) {
                return first;
            }
        }
        throw new IllegalStateException("no five free ports in a row");
    }

    private static McpProperties properties(String range) {
        return new McpProperties(Path.of("/tmp/unused"), new McpProperties.Cleanup(false, Duration.ofSeconds(10)),
                new McpProperties.Ports(range), new McpProperties.Logs(DataSize.ofMegabytes(10), 5),
                new McpProperties.Supervision(Duration.ofSeconds(1), 3, Duration.ofSeconds(5), Duration.ofSeconds(1),
                        Duration.ofSeconds(30)),
                new McpProperties.Protocol(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(30), 3),
                new McpProperties.Proxmox(Duration.ofSeconds(5)), new McpProperties.Dashboard(false, false));
    }
}
