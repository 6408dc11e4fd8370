package dev.mcpsessions.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code GET /login?token=...}: the URL that {@code dashboard} prints. A valid token becomes an
 * HttpOnly, SameSite=Strict session cookie and the browser is sent on without the token in the URL.
 */
class DashboardLoginFilter extends OncePerRequestFilter {

    private final ApiToken token;
    private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();

    DashboardLoginFilter(ApiToken token) {
        this.token = token;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("GET".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!token.matches(request.getParameter("token"))) {
            chain.doFilter(request, response); // the login page explains where the URL comes from
            return;
        }
        if (request.getSession(false) != null) {
            request.changeSessionId(); // no session fixation
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("dashboard", null,
                List.of(new SimpleGrantedAuthority("ROLE_DASHBOARD"))));
        SecurityContextHolder.setContext(context);
        repository.saveContext(context, request, response);
        response.sendRedirect(request.getContextPath() + "/");
    }
}
