package dev.mcpsessions;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import dev.mcpsessions.home.HomeLockedException;

@SpringBootApplication
@ConfigurationPropertiesScan
public class McpSessionManagerApplication {

    public static void main(String[] args) {
        try {
            SpringApplication.run(McpSessionManagerApplication.class, args);
        } catch (RuntimeException failure) {
            HomeLockedException locked = homeLocked(failure);
            if (locked != null) {
                System.exit(locked.getExitCode()); // Spring Boot has printed the failure analysis
            }
            throw failure;
        }
    }

    private static HomeLockedException homeLocked(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HomeLockedException locked) {
                return locked;
            }
        }
        return null;
    }
}
