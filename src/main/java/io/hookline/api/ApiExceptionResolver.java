package io.hookline.api;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.convert.ConversionException;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindException;

/**
 * Turns every exception a resolver throws into an error with {@code extensions.code} and a
 * message for humans. Anything unexpected is logged with an id and shown only as that id: no
 * stack trace or SQL ever reaches the caller.
 */
@Component
class ApiExceptionResolver extends DataFetcherExceptionResolverAdapter {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionResolver.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        if (ex instanceof ApiException api) {
            return error(env, api.code(), api.getMessage());
        }
        if (ex instanceof BindException bind) {
            String message = bind.getFieldErrors().stream()
                    .map(e -> e.getField() + ": " + (e.getRejectedValue() == null ? "invalid value"
                            : "'" + e.getRejectedValue() + "' is not a valid value"))
                    .collect(Collectors.joining("; "));
            return error(env, ErrorCode.BAD_USER_INPUT, message.isEmpty() ? "Invalid input" : message);
        }
        if (ex instanceof ConversionException || ex instanceof NumberFormatException) {
            return error(env, ErrorCode.BAD_USER_INPUT, "Invalid argument value");
        }
        String incident = UUID.randomUUID().toString();
        log.error("Unexpected error in {} (incident {})", env.getExecutionStepInfo().getPath(), incident, ex);
        return error(env, ErrorCode.INTERNAL, "Internal error (incident " + incident + ")");
    }

    private static GraphQLError error(DataFetchingEnvironment env, ErrorCode code, String message) {
        return GraphqlErrorBuilder.newError(env)
                .message(message)
                .errorType(classification(code))
                .extensions(Map.of("code", code.name()))
                .build();
    }

    private static ErrorType classification(ErrorCode code) {
        return switch (code) {
            case BAD_USER_INPUT, CONFLICT -> ErrorType.BAD_REQUEST;
            case NOT_FOUND -> ErrorType.NOT_FOUND;
            case UNAUTHENTICATED -> ErrorType.UNAUTHORIZED;
            case FORBIDDEN -> ErrorType.FORBIDDEN;
            case INTERNAL -> ErrorType.INTERNAL_ERROR;
        };
    }
}
