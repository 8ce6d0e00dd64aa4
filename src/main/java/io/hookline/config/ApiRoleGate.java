package io.hookline.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A process without the {@code api} role serves no GraphQL, GraphiQL or console: only the
 * operational endpoints under {@code /actuator} stay, so a worker node can be health-checked and
 * scraped but never becomes an entry point by accident (see docs/operations.md, "Roles").
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiRoleGate extends OncePerRequestFilter {

    private static final String ERROR = """
            {"errors":[{"message":"This Hookline process does not serve the API: its hookline.roles (HOOKLINE_ROLES) \
            lack 'api'","extensions":{"code":"NOT_FOUND"}}]}""";

    private final boolean servesApi;

    ApiRoleGate(HooklineProperties hookline) {
        this.servesApi = hookline.servesApi();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return servesApi || request.getRequestURI().startsWith("/actuator");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(ERROR);
    }
}
