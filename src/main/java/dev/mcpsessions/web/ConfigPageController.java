package dev.mcpsessions.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import dev.mcpsessions.config.ConfigValidationService;
import dev.mcpsessions.config.ValidationReport;
import dev.mcpsessions.session.SessionRegistry;

import tools.jackson.databind.json.JsonMapper;

/**
 * Paste or upload a Proxmox template and see its validation report, problems beside their
 * fields. {@code *_env_var} names resolve against a session's environment or the manager's own.
 */
@Controller
class ConfigPageController {

    static final int MAX_CHARS = 1024 * 1024;
    static final String MANAGER_ENV = "";

    private final ConfigValidationService validation;
    private final SessionRegistry sessions;
    private final JsonMapper json;

    ConfigPageController(ConfigValidationService validation, SessionRegistry sessions, JsonMapper json) {
        this.validation = validation;
        this.sessions = sessions;
        this.json = json;
    }

    @GetMapping("/config")
    String page(Model model) {
        model.addAttribute("sessions", sessions.list());
        model.addAttribute("text", "");
        model.addAttribute("envFrom", MANAGER_ENV);
        return "config/page";
    }

    @PostMapping("/config")
    String validate(@RequestParam(defaultValue = "") String text, @RequestParam(required = false) @Nullable MultipartFile file,
            @RequestParam(defaultValue = "false") boolean online, @RequestParam(defaultValue = MANAGER_ENV) String envFrom,
            Model model, HttpServletRequest request) throws IOException {
        String template = file != null && !file.isEmpty() ? new String(file.getBytes(), StandardCharsets.UTF_8) : text;
        if (template.length() > MAX_CHARS) {
            throw new IllegalArgumentException("The template is larger than 1 MiB");
        }
        ValidationReport report = validation.validate(template, environment(envFrom), online);
        model.addAttribute("report", ConfigReportView.of(template, report, json));
        if (Outcomes.isHtmx(request)) {
            return "config/page :: report";
        }
        model.addAttribute("sessions", sessions.list());
        model.addAttribute("text", template);
        model.addAttribute("envFrom", envFrom);
        return "config/page";
    }

    private Map<String, String> environment(String envFrom) {
        return envFrom.isEmpty() ? System.getenv() : sessions.environment(envFrom);
    }
}
