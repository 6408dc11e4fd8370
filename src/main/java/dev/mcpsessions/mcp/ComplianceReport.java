package dev.mcpsessions.mcp;

import java.util.Comparator;
import java.util.List;

/**
 * The verdict of a compliance probe: {@code {"passed": bool, "checks": [...]}}. It passes when no
 * check failed; warnings and skipped checks do not fail it.
 */
public record ComplianceReport(boolean passed, List<Check> checks) {

    /** Check names, in report order. They are part of the API and of docs/mcp.md: keep them stable. */
    public static final List<String> CHECK_NAMES = List.of(
            "stdout-clean", "initialize", "version-negotiation", "initialized-notification", "ping",
            "tools-list", "tool-schemas", "resources-list", "prompts-list", "unknown-method", "shutdown");

    public enum Status { PASS, FAIL, WARN, SKIP }

    /**
     * One named check.
     *
     * @param name one of {@link #CHECK_NAMES}
     * @param status its outcome
     * @param detail one line on what was found, for people
     * @param evidence what the server sent (bounded to about 2 KB), empty when there is nothing to show
     */
    public record Check(String name, Status status, String detail, String evidence) {

        public Check {
            evidence = Evidence.bounded(evidence);
        }

        static Check pass(String name, String detail) {
            return new Check(name, Status.PASS, detail, "");
        }

        static Check pass(String name, String detail, String evidence) {
            return new Check(name, Status.PASS, detail, evidence);
        }

        static Check fail(String name, String detail, String evidence) {
            return new Check(name, Status.FAIL, detail, evidence);
        }

        static Check warn(String name, String detail, String evidence) {
            return new Check(name, Status.WARN, detail, evidence);
        }

        static Check skip(String name, String detail) {
            return new Check(name, Status.SKIP, detail, "");
        }
    }

    /** A report of the given checks in {@link #CHECK_NAMES} order. */
    public static ComplianceReport of(List<Check> checks) {
        List<Check> ordered = checks.stream()
                .sorted(Comparator.comparingInt(check -> CHECK_NAMES.indexOf(check.name())))
                .toList();
        return new ComplianceReport(ordered.stream().noneMatch(check -> check.status() == Status.FAIL), ordered);
    }

    /** The check of that name; for tests and the text rendering. */
    public Check check(String name) {
        return checks.stream().filter(check -> check.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check named " + name));
    }
}
