package dev.mcpsessions.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

/**
 * What {@code validate-config FILE [--online]} and {@code POST /api/config/validate} run: the
 * offline rules, then, when asked, the online checks of every entry that passed them.
 */
@Service
public class ConfigValidationService {

    private final ProxmoxConfigValidator validator;
    private final ProxmoxOnlineChecker online;

    public ConfigValidationService(ProxmoxConfigValidator validator, ProxmoxOnlineChecker online) {
        this.validator = validator;
        this.online = online;
    }

    /**
     * @param json the template's text (the API body, or the file the CLI read)
     * @param environment the caller's environment, where {@code *_env_var} names are resolved
     * @param checkOnline also contact each Proxmox host
     */
    public ValidationReport validate(String json, Map<String, String> environment, boolean checkOnline) {
        CheckedTemplate checked = validator.check(json, environment);
        if (!checkOnline) {
            return checked.report();
        }
        List<Problem> found = new ArrayList<>();
        for (ProxmoxServer server : checked.usable().values()) {
            found.addAll(online.check(server, environment));
        }
        return checked.report().plus(found);
    }

    /** Like {@link #validate} for a file; an unreadable file is a problem, not an exception. */
    public ValidationReport validateFile(Path file, Map<String, String> environment, boolean checkOnline) {
        String text;
        try {
            text = TemplateFiles.read(file);
        } catch (InvalidConfigException e) {
            return e.report();
        }
        return validate(text, environment, checkOnline);
    }
}
