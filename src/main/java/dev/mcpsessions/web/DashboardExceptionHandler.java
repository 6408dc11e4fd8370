package dev.mcpsessions.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.validation.BindException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

import dev.mcpsessions.config.InvalidConfigException;
import dev.mcpsessions.ports.PortConflictException;
import dev.mcpsessions.process.InvalidSpecException;
import dev.mcpsessions.process.ServerConflictException;
import dev.mcpsessions.process.ServerNotFoundException;
import dev.mcpsessions.session.SessionExistsException;
import dev.mcpsessions.session.SessionNotFoundException;

import tools.jackson.databind.json.JsonMapper;

/**
 * Failures of the dashboard: htmx requests get problem+json (the page shows its {@code detail}),
 * page loads get the error page with the same detail.
 */
@ControllerAdvice(basePackages = "dev.mcpsessions.web")
class DashboardExceptionHandler {

    private final JsonMapper json;

    DashboardExceptionHandler(JsonMapper json) {
        this.json = json;
    }

    @ExceptionHandler({SessionNotFoundException.class, ServerNotFoundException.class, SessionExistsException.class,
            ServerConflictException.class, PortConflictException.class, InvalidSpecException.class,
            InvalidConfigException.class, IllegalArgumentException.class})
    ModelAndView handle(RuntimeException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        HttpStatus status = statusOf(e);
        return respond(status, e.getMessage() == null ? status.getReasonPhrase() : e.getMessage(), request, response);
    }

    /** A form field that does not convert, e.g. a port that is not a number. */
    @ExceptionHandler(BindException.class)
    ModelAndView unbindable(BindException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String detail = e.getFieldErrors().stream().map(f -> f.getField() + ": not a valid value").sorted()
                .collect(Collectors.joining("; "));
        return respond(HttpStatus.BAD_REQUEST, detail.isEmpty() ? "Invalid form" : detail, request, response);
    }

    private ModelAndView respond(HttpStatus status, String detail, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        response.setStatus(status.value());
        if (Outcomes.isHtmx(request)) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", status.getReasonPhrase());
            problem.put("status", status.value());
            problem.put("detail", detail);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE + ";charset=UTF-8");
            response.getWriter().write(json.writeValueAsString(problem));
            return new ModelAndView(); // written: nothing to render
        }
        ModelAndView page = new ModelAndView("error");
        page.addObject("status", status.value());
        page.addObject("error", status.getReasonPhrase());
        page.addObject("detail", detail);
        page.setStatus(status);
        return page;
    }

    static HttpStatus statusOf(RuntimeException e) {
        if (e instanceof SessionNotFoundException || e instanceof ServerNotFoundException) {
            return HttpStatus.NOT_FOUND;
        }
        if (e instanceof SessionExistsException || e instanceof ServerConflictException
                || e instanceof PortConflictException) {
            return HttpStatus.CONFLICT;
        }
        if (e instanceof InvalidSpecException || e instanceof InvalidConfigException) {
            return HttpStatus.UNPROCESSABLE_CONTENT;
        }
        return HttpStatus.BAD_REQUEST; // InvalidNameException, OwnerNotRunningException and other bad input
    }
}
