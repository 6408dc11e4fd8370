package dev.mcpsessions.api;

import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.mcpsessions.config.InvalidConfigException;
import dev.mcpsessions.home.InvalidNameException;
import dev.mcpsessions.ports.PortConflictException;
import dev.mcpsessions.process.InvalidSpecException;
import dev.mcpsessions.process.ServerConflictException;
import dev.mcpsessions.process.ServerNotFoundException;
import dev.mcpsessions.session.OwnerNotRunningException;
import dev.mcpsessions.session.SessionExistsException;
import dev.mcpsessions.session.SessionNotFoundException;

/** Each failure kind mapped once to RFC 9457 problem+json with a detail a person can act on. */
@RestControllerAdvice(basePackages = "dev.mcpsessions.api")
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler({InvalidSpecException.class, ServerFailedException.class})
    ProblemDetail unprocessable(RuntimeException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Unprocessable", e.getMessage());
    }

    /** An invalid config: 422 with the whole report, so every problem can be fixed at once. */
    @ExceptionHandler(InvalidConfigException.class)
    ProblemDetail invalidConfig(InvalidConfigException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid configuration", e.getMessage());
        problem.setProperty("report", e.report());
        return problem;
    }

    @ExceptionHandler({SessionNotFoundException.class, ServerNotFoundException.class})
    ProblemDetail notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler({SessionExistsException.class, ServerConflictException.class, PortConflictException.class})
    ProblemDetail conflict(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    @ExceptionHandler({InvalidNameException.class, OwnerNotRunningException.class, IllegalArgumentException.class})
    ProblemDetail badRequest(RuntimeException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Bad request",
                "Unreadable request body: " + readableCause(e)));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + ": " + f.getDefaultMessage()).sorted().collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Bad request", detail));
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    /** The parser's own words (unknown field, bad token, too large) without the request's content. */
    private static String readableCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? "malformed" : cause.getMessage();
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        log.debug("Unreadable request body: {}", first);
        return first.length() > 300 ? first.substring(0, 300) + "..." : first;
    }
}
