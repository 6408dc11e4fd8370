package dev.mcpsessions.mcp;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.mcpsessions.McpProperties;

@Configuration(proxyBeanMethods = false)
class McpConfiguration {

    /** Stateless: one probe serves {@code check <name>}, {@code check -- <command>} and the API. */
    @Bean
    ComplianceProbe complianceProbe(McpProperties properties) {
        return ComplianceProbe.of(properties.protocol());
    }
}
