package dev.mcpsessions.metrics;

import java.util.Map;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

import dev.mcpsessions.home.ManagerHome;

/** Adds the home's path to {@code /actuator/info}, next to Boot's build and git entries. */
@Component
class HomeInfoContributor implements InfoContributor {

    private final ManagerHome home;

    HomeInfoContributor(ManagerHome home) {
        this.home = home;
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("home", Map.of("path", home.root().toString()));
    }
}
