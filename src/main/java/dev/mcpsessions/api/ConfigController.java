package dev.mcpsessions.api;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import dev.mcpsessions.config.ConfigValidationService;
import dev.mcpsessions.config.ValidationReport;
import dev.mcpsessions.session.SessionEnvironment;
import dev.mcpsessions.session.SessionRegistry;

/**
 * Proxmox config validation; always 200 with the report. The {@code *_env_var} names are resolved
 * against the environment sent with the request (the CLI's), else the session's, else the manager's.
 */
@RestController
class ConfigController {

    private final ConfigValidationService validation;
    private final SessionRegistry sessions;

    ConfigController(ConfigValidationService validation, SessionRegistry sessions) {
        this.validation = validation;
        this.sessions = sessions;
    }

    @PostMapping(path = "/api/config/validate", consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_PLAIN_VALUE})
    ValidationReport validate(@RequestBody String json, @RequestParam(defaultValue = "false") boolean online,
            @RequestParam(required = false) @Nullable String session) {
        return validation.validate(json, environment(session), online);
    }

    /** The CLI's form: the config file and its own environment ({@code env -0}) as two parts. */
    @PostMapping(path = "/api/config/validate", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ValidationReport validateWithEnvironment(@RequestPart("config") MultipartFile config,
            @RequestPart("environment") MultipartFile environment, @RequestParam(defaultValue = "false") boolean online)
            throws java.io.IOException {
        return validation.validate(new String(config.getBytes(), StandardCharsets.UTF_8),
                SessionEnvironment.parse(environment.getBytes()), online);
    }

    private Map<String, String> environment(@Nullable String session) {
        return session == null ? System.getenv() : sessions.environment(session);
    }
}
