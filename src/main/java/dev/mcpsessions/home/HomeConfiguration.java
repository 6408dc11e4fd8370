package dev.mcpsessions.home;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.mcpsessions.McpProperties;

@Configuration(proxyBeanMethods = false)
class HomeConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ManagerHome managerHome(McpProperties properties) {
        ManagerHome home = new ManagerHome(properties.home());
        home.createLayout();
        return home;
    }

    /** Taken before the web server binds, so a second manager fails before it touches anything. */
    @Bean(destroyMethod = "close")
    ManagerLock managerLock(ManagerHome home, JsonFiles json) {
        return ManagerLock.acquire(home, json);
    }
}
