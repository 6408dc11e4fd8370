package dev.mcpsessions.config;

/** A configuration that cannot be used; the API answers 422 with the report. */
public class InvalidConfigException extends RuntimeException {

    private final transient ValidationReport report;

    public InvalidConfigException(ValidationReport report) {
        super(summary(report));
        this.report = report;
    }

    public ValidationReport report() {
        return report;
    }

    private static String summary(ValidationReport report) {
        var errors = report.errors();
        if (errors.isEmpty()) {
            return "Invalid configuration";
        }
        Problem first = errors.get(0);
        String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more errors)" : "";
        return "Invalid configuration: " + first.path() + ": " + first.message() + more;
    }
}
