package dev.mcpsessions.process;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.mcpsessions.home.ManagerHome;

/**
 * Samples CPU and RSS of every live server tree every two seconds, for views and metrics. One pass
 * over {@code /proc} per round serves all servers: passes per server cost a quarter of a core with
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
            ProcessTable table = servers.stream().anyMatch(s -> s.state.isActive()) ? ProcessTable.snapshot(home.root()) : null;
            for (SupervisedServer s : servers) {
                ProcessLauncher.Launched process = s.process;
                String instance = s.instanceId;
                if (s.state.isActive() && process != null && instance != null && table != null) {
                    s.usage = stats.sample(instance, table.tree(process.identity(), instance));
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
