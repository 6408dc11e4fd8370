package dev.mcpsessions.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.mcpsessions.McpProperties;
import dev.mcpsessions.home.ManagerHome;

class ConfigBeansTest {

    @TempDir
    Path home;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(McpProperties.class)
    @Import({ProxmoxConfigValidator.class, ProxmoxOnlineChecker.class, ConfigValidationService.class,
        ProxmoxMcpConfigRenderer.class, TemplateConfigRenderer.class, SessionConfigCopies.class})
    static class Beans {
        @Bean
        ManagerHome managerHome(McpProperties properties) {
            return new ManagerHome(properties.home());
        }
    }

    @Test
    void servicesWireUpAndTakeTheTimeoutFromTheSettings() {
        new ApplicationContextRunner().withUserConfiguration(Beans.class)
                .withPropertyValues("mcp.home=" + home, "mcp.proxmox.timeout=750ms")
                .run(context -> {
                    assertThat(context).hasSingleBean(ConfigValidationService.class).hasSingleBean(SessionConfigCopies.class);
                    assertThat(context.getBean(ProxmoxOnlineChecker.class).timeout()).isEqualTo(Duration.ofMillis(750));
                });
    }

    @Test
    void timeoutDefaultsToFiveSeconds() {
        new ApplicationContextRunner().withUserConfiguration(Beans.class)
                .withPropertyValues("mcp.home=" + home)
                .run(context -> assertThat(context.getBean(ProxmoxOnlineChecker.class).timeout())
                        .isEqualTo(Duration.ofSeconds(5)));
    }
}
