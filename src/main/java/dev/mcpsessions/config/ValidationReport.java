package dev.mcpsessions.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The verdict on a configuration: {@code valid} when no problem is an ERROR.
 *
 * @param valid true when there is no ERROR (warnings allowed)
 * @param problems every finding, in document order
 */
public record ValidationReport(boolean valid, List<Problem> problems) {

    public ValidationReport {
        problems = List.copyOf(problems);
    }

    public static ValidationReport of(List<Problem> problems) {
        return new ValidationReport(problems.stream().noneMatch(Problem::isError), problems);
    }

    public static ValidationReport ofProblem(Problem problem) {
        return of(List.of(problem));
    }

    public ValidationReport plus(List<Problem> more) {
        List<Problem> all = new ArrayList<>(problems);
        all.addAll(more);
        return of(all);
    }

    public ValidationReport filter(Predicate<Problem> keep) {
        return of(problems.stream().filter(keep).toList());
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /** The codes in order; handy in logs and tests, and free of secrets like everything here. */
    public List<String> codes() {
        return problems.stream().map(Problem::code).toList();
    }
}
