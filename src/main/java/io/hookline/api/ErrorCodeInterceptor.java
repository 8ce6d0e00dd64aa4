package io.hookline.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Gives the errors graphql-java raises itself (syntax, validation, limits) the same
 * {@code extensions.code} as the ones Hookline raises, so clients can branch on one field.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ErrorCodeInterceptor implements WebGraphQlInterceptor {

    /** graphql-java's classification of an introspection query outside the shape it allows. */
    private static final String BAD_FAITH_INTROSPECTION = "BadFaithIntrospection";

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).map(response -> {
            List<GraphQLError> errors = response.getExecutionResult().getErrors();
            if (errors.isEmpty() || errors.stream().allMatch(ErrorCodeInterceptor::hasCode)) {
                return response;
            }
            List<GraphQLError> coded = errors.stream().map(ErrorCodeInterceptor::withCode).toList();
            return response.transform(builder -> builder.errors(coded));
        });
    }

    private static boolean hasCode(GraphQLError error) {
        return error.getExtensions() != null && error.getExtensions().containsKey("code");
    }

    private static GraphQLError withCode(GraphQLError error) {
        if (hasCode(error)) {
            return error;
        }
        Map<String, Object> extensions = new HashMap<>(error.getExtensions() == null ? Map.of() : error.getExtensions());
        extensions.put("code", codeOf(error.getErrorType()).name());
        return GraphqlErrorBuilder.newError()
                .message(error.getMessage())
                .locations(error.getLocations())
                .path(error.getPath())
                .errorType(error.getErrorType())
                .extensions(extensions)
                .build();
    }

    private static ErrorCode codeOf(ErrorClassification type) {
        if (type == ErrorType.ValidationError || type == ErrorType.InvalidSyntax || type == ErrorType.ExecutionAborted
                || type == org.springframework.graphql.execution.ErrorType.BAD_REQUEST
                || BAD_FAITH_INTROSPECTION.equals(String.valueOf(type))) {
            return ErrorCode.BAD_USER_INPUT;
        }
        return ErrorCode.INTERNAL;
    }
}
