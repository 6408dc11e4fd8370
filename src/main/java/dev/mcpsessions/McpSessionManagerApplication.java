package dev.mcpsessions;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class McpSessionManagerApplication {

    public static void main(String[] args) {
        SpringApplication.run(McpSessionManagerApplication.class, args);
    }
}
