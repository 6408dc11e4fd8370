package dev.mcpsessions.process;

import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import dev.mcpsessions.home.ManagerHome;

/** Samples CPU and RSS of every live server tree every two seconds, for views and metrics. */
@Component
class UsageSampler {

    private final ProcessStats stats = new ProcessStats();

    UsageSampler(ProcessSupervisor supervisor, ManagerHome home, SupervisionScheduler scheduler) {
        scheduler.executor().scheduleWithFixedDelay(() -> {
            for (SupervisedServer s : supervisor.supervised()) {
                ProcessLauncher.Launched process = s.process;
                String instance = s.instanceId;
                if (s.state.isActive() && process != null && instance != null) {
                    s.usage = stats.sample(process.identity(), home.root(), instance);
                } else if (instance != null) {
                    stats.forget(instance);
                }
            }
        }, 2, 2, TimeUnit.SECONDS);
    }
}
