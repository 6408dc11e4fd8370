package dev.mcpsessions.security;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses requests that cannot come from this machine's own user: a Host that is not a loopback
 * name (DNS rebinding) or an Origin other than this server (cross-site requests from a web page).
 */
class LoopbackGuardFilter extends OncePerRequestFilter {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String host = request.getHeader("Host");
        if (host == null || !LOOPBACK_HOSTS.contains(hostName(host))) {
            Problems.write(response, 403, "Forbidden host",
                    "Host header must name the loopback interface (localhost or 127.0.0.1)");
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !isOwnOrigin(origin, request.getLocalPort())) {
            Problems.write(response, 403, "Forbidden origin",
                    "Requests from another origin are refused; use the dashboard served by this manager");
            return;
        }
        chain.doFilter(request, response);
    }

    static String hostName(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    static boolean isOwnOrigin(String origin, int localPort) {
        try {
            URI uri = URI.create(origin.trim());
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            return "http".equals(uri.getScheme()) && LOOPBACK_HOSTS.contains(host) && uri.getPort() == localPort;
        } catch (IllegalArgumentException e) {
            return false; // "null" and garbage are foreign
        }
    }
}
