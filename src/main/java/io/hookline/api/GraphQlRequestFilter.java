package io.hookline.api;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks that a request to {@code /graphql} is one GraphQL-over-HTTP request before GraphQL
 * sees it: a POST of {@code application/json} holding one object with a {@code query} string
 * and, optionally, {@code variables} and {@code extensions} objects and an
 * {@code operationName} string. Anything else is refused with the status the GraphQL-over-HTTP
 * specification gives it (405, 415, 400) and a GraphQL-shaped error naming what is wrong.
 */
@Component
@Order(GraphQlRequestFilter.ORDER)
class GraphQlRequestFilter extends OncePerRequestFilter {

    static final int ORDER = 10;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> OPTIONAL_MEMBERS = Map.of(
            "variables", "an object", "extensions", "an object", "operationName", "a string");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.equals("/graphql") || "OPTIONS".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            GraphQlHttpErrors.write(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, request.getMethod()
                    + " is not supported: send GraphQL requests as POST with Content-Type: application/json");
            return;
        }
        if (!isJson(request.getContentType())) {
            GraphQlHttpErrors.write(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type " + (request.getContentType() == null ? "(none)" : "'" + request.getContentType() + "'")
                            + " is not supported: send application/json");
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String problem = problemOf(body);
        if (problem != null) {
            GraphQlHttpErrors.write(response, HttpServletResponse.SC_BAD_REQUEST, problem);
            return;
        }
        chain.doFilter(new RequestSizeLimitFilter.CachedBodyRequest(request, body), response);
    }

    private static boolean isJson(String contentType) {
        try {
            return contentType != null && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType))
                    && !MediaType.parseMediaType(contentType).isWildcardSubtype();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** What makes the body not one GraphQL request, or null when it is one. */
    static String problemOf(byte[] body) {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (JacksonException e) {
            return "The request body is not valid JSON: " + e.getOriginalMessage();
        }
        if (request == null || request.isMissingNode()) {
            return "The request body is empty: send {\"query\": \"…\"}";
        }
        if (request.isArray()) {
            return "Batched requests (a JSON array) are not supported: send one {\"query\": \"…\"} object per request";
        }
        if (!request.isObject()) {
            return "The request body must be a JSON object: {\"query\": \"…\"}";
        }
        JsonNode query = request.get("query");
        if (query == null || query.isNull()) {
            return "query is required: the GraphQL document as a string";
        }
        if (!query.isString() || query.asString().isBlank()) {
            return "query must be a non-empty string: the GraphQL document";
        }
        for (Map.Entry<String, String> member : OPTIONAL_MEMBERS.entrySet()) {
            JsonNode value = request.get(member.getKey());
            boolean fits = value == null || value.isNull()
                    || (member.getValue().equals("an object") ? value.isObject() : value.isString());
            if (!fits) {
                return member.getKey() + " must be " + member.getValue() + " or null, not " + value.getNodeType().name().toLowerCase();
            }
        }
        return null;
    }
}
