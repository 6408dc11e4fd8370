package dev.mcpsessions.process;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.mcpsessions.home.ManagerHome;

/**
 * Samples CPU and RSS of every live server tree every two seconds, for views and metrics. One scan
 * of {@code /proc} per round serves all servers: a scan per server cost a quarter of a core with
 * 100 servers running.
 */
@Component
class UsageSampler {

    private static final Logger log = LoggerFactory.getLogger(UsageSampler.class);

    private final ProcessStats stats = new ProcessStats();
    private final ProcessSupervisor supervisor;
    private final ManagerHome home;

    UsageSampler(ProcessSupervisor supervisor, ManagerHome home, SupervisionScheduler scheduler) {
        this.supervisor = supervisor;
        this.home = home;
        scheduler.executor().scheduleWithFixedDelay(this::sampleAll, 2, 2, TimeUnit.SECONDS);
    }

    void sampleAll() {
        try {
            List<SupervisedServer> servers = supervisor.supervised();
            Map<String, List<MarkedProcesses.MarkedProcess>> byInstance = servers.stream().anyMatch(s -> s.state.isActive())
                    ? MarkedProcesses.scan(home.root()).stream()
                            .collect(Collectors.groupingBy(MarkedProcesses.MarkedProcess::instanceId))
                    : Map.of();
            for (SupervisedServer s : servers) {
                ProcessLauncher.Launched process = s.process;
                String instance = s.instanceId;
                if (s.state.isActive() && process != null && instance != null) {
                    s.usage = stats.sample(process.identity(), instance, byInstance.getOrDefault(instance, List.of()));
                } else if (instance != null) {
                    stats.forget(instance);
                }
            }
        } catch (RuntimeException e) {
            // a failed round must not end the sampling for good
            log.debug("Sampling CPU and memory failed: {}", e.toString());
        }
    }
}
