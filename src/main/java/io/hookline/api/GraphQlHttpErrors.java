package io.hookline.api;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refusals of requests that never reach GraphQL (too large, not POST, not JSON, not one
 * operation) still answer in GraphQL's shape, {@code {"errors":[{message, extensions.code}]}},
 * with the HTTP status the GraphQL-over-HTTP specification gives them.
 */
final class GraphQlHttpErrors {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GraphQlHttpErrors() {
    }

    static void write(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        Map<String, Object> error = Map.of("message", message,
                "extensions", Map.of("code", ErrorCode.BAD_USER_INPUT.name()));
        response.getOutputStream().write(JSON.writeValueAsBytes(Map.of("errors", List.of(error))));
    }
}
