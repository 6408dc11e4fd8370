package dev.mcpsessions.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Proxmox template after offline validation.
 *
 * @param report every problem of the whole document
 * @param entries the names under {@code servers}, in document order (also the broken ones)
 * @param usable the entries without any ERROR, ready for online checks and per-session copies
 */
public record CheckedTemplate(ValidationReport report, List<String> entries, Map<String, ProxmoxServer> usable) {

    public CheckedTemplate {
        entries = List.copyOf(entries);
        usable = Map.copyOf(usable);
    }

    static CheckedTemplate failed(List<Problem> problems) {
        return new CheckedTemplate(ValidationReport.of(problems), List.of(), Map.of());
    }

    public Optional<ProxmoxServer> usable(String entry) {
        return Optional.ofNullable(usable.get(entry));
    }

    /** The problems that matter to one entry: its own and those of the document around it. */
    public ValidationReport reportFor(String entry) {
        String prefix = "servers." + entry;
        return report.filter(p -> p.path().equals(prefix) || p.path().startsWith(prefix + ".")
                || !p.path().startsWith("servers."));
    }
}
