package dev.mcpsessions.web;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Answers of the dashboard's POSTs. An htmx request gets 204 and a toast in {@code HX-Trigger};
 * a plain form post (no JavaScript) is redirected to the page it came from.
 */
final class Outcomes {

    static final String HX_REQUEST = "HX-Request";
    static final String HX_TRIGGER = "HX-Trigger";

    private Outcomes() {
    }

    static boolean isHtmx(HttpServletRequest request) {
        return "true".equals(request.getHeader(HX_REQUEST));
    }

    static ResponseEntity<Void> done(HttpServletRequest request, String message, String page) {
        if (isHtmx(request)) {
            return ResponseEntity.noContent().header(HX_TRIGGER, toast(message)).build();
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(page)).build();
    }

    /** Like {@link #done} but htmx also leaves the page for {@code page} (the page's subject is gone). */
    static ResponseEntity<Void> doneAndLeave(HttpServletRequest request, String message, String page) {
        if (isHtmx(request)) {
            return ResponseEntity.noContent().header(HX_TRIGGER, toast(message)).header("HX-Redirect", page).build();
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(page)).build();
    }

    /**
     * The {@code HX-Trigger} value: a toast plus {@code dashboard-changed}, which refreshes the
     * page's live parts at once instead of waiting for the event stream.
     */
    static String toast(String message) {
        return "{\"toast\":{\"level\":\"ok\",\"message\":\"" + jsonEscape(message) + "\"},\"dashboard-changed\":true}";
    }

    /** JSON string content that is also a valid header value: non-ASCII goes as \\u escapes. */
    static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
