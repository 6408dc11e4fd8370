package dev.mcpsessions.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

import dev.mcpsessions.config.Problem;
import dev.mcpsessions.config.ValidationReport;
import dev.mcpsessions.mcp.ComplianceReport;

/**
 * Validation and compliance reports as text for the CLI. The first line is the verdict
 * ({@code VALID}/{@code INVALID}, {@code PASSED}/{@code FAILED}), which the CLI turns into its exit code.
 */
class ReportTextConverter extends AbstractHttpMessageConverter<Object> {

    ReportTextConverter() {
        super(StandardCharsets.UTF_8, MediaType.TEXT_PLAIN);
    }

    @Override
    protected boolean supports(Class<?> clazz) {
        return ValidationReport.class.isAssignableFrom(clazz) || ComplianceReport.class.isAssignableFrom(clazz);
    }

    @Override
    protected Object readInternal(Class<?> clazz, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("a report cannot be read from text", input);
    }

    @Override
    protected void writeInternal(Object report, HttpOutputMessage output) throws IOException {
        String text = report instanceof ValidationReport v ? validation(v) : compliance((ComplianceReport) report);
        output.getBody().write(text.getBytes(StandardCharsets.UTF_8));
    }

    static String validation(ValidationReport report) {
        StringBuilder out = new StringBuilder(report.valid() ? "VALID" : "INVALID");
        out.append(" (").append(report.errors().size()).append(" error(s), ").append(report.warnings().size())
                .append(" warning(s))\n");
        for (Problem p : report.problems()) {
            out.append(String.format("%-7s %-28s %s%n", p.severity(), p.code(), p.path()));
            out.append("        ").append(p.message()).append('\n');
            if (p.hint() != null && !p.hint().isBlank()) {
                out.append("        fix: ").append(p.hint()).append('\n');
            }
        }
        return out.toString();
    }

    static String compliance(ComplianceReport report) {
        StringBuilder out = new StringBuilder(report.passed() ? "PASSED\n" : "FAILED\n");
        for (ComplianceReport.Check check : report.checks()) {
            out.append(String.format("%-5s %-26s %s%n", check.status(), check.name(), check.detail()));
            if (!check.evidence().isEmpty() && check.status() != ComplianceReport.Status.PASS) {
                for (String line : check.evidence().split("\n")) {
                    out.append("      | ").append(line).append('\n');
                }
            }
        }
        return out.toString();
    }
}
