package dev.mcpsessions.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.mcpsessions.McpProperties;

class McpConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(McpProperties.class)
    static class Properties {}

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, McpConfiguration.class);

    @Test
    void providesAProbeWithTheProtocolTimeouts() {
        context.withPropertyValues("mcp.protocol.initialize-timeout=3s", "mcp.protocol.ping-failures=5")
                .run(ctx -> {
                    assertThat(ctx).hasSingleBean(ComplianceProbe.class);
                    assertThat(ctx.getBean(McpProperties.class).protocol().pingFailures()).isEqualTo(5);
                });
    }
}
