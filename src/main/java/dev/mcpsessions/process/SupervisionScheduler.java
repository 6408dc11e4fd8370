package dev.mcpsessions.process;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import org.springframework.stereotype.Component;

/** The threads that run exit handlers, backoff timers, readiness and health checks. */
@Component
class SupervisionScheduler {

    private final ScheduledThreadPoolExecutor executor;

    SupervisionScheduler() {
        AtomicInteger count = new AtomicInteger();
        executor = new ScheduledThreadPoolExecutor(4, r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("supervisor-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    ScheduledExecutorService executor() {
        return executor;
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }
}
