package dev.mcpsessions.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import dev.mcpsessions.cleanup.OrphanReaper;
import dev.mcpsessions.config.ConfigValidationService;
import dev.mcpsessions.mcp.ComplianceChecks;
import dev.mcpsessions.process.ProcessSupervisor;
import dev.mcpsessions.session.SessionRegistry;

/**
 * The dashboard's controllers over mocked services, signed in. Every slice test uses this same
 * configuration, so they share one application context.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@WebMvcTest(controllers = {DashboardController.class, SessionPageController.class, ServerPageController.class,
        CleanupPageController.class, ConfigPageController.class, LiveEventsController.class})
@MockitoBean(types = {SessionRegistry.class, ProcessSupervisor.class, OrphanReaper.class, ConfigValidationService.class,
        ComplianceChecks.class})
@Import({EventStream.class, DashboardSlice.FixedClock.class})
@WithMockUser
@interface DashboardSlice {

    Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    @TestConfiguration(proxyBeanMethods = false)
    class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }
}
