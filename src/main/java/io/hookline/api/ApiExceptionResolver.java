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
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;

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
                    .map(e -> fieldName(env, e) + ": " + (e.getRejectedValue() == null
                            ? "invalid value" : "'" + e.getRejectedValue() + "' is not a valid " + typeName(e)))
                    .collect(Collectors.joining("; "));
            return error(env, ErrorCode.BAD_USER_INPUT, message.isEmpty() ? "Invalid input" : message);
        }
        if (ex instanceof ConversionFailedException failed && failed.getValue() != null) {
            String where = pathOf(env.getArguments(), failed.getValue());
            return error(env, ErrorCode.BAD_USER_INPUT, (where == null ? "" : where + ": ") + "'" + failed.getValue()
                    + "' is not a valid " + (isWholeNumber(failed) ? "ID: IDs are whole numbers" : "value"));
        }
        if (ex instanceof ConversionException || ex instanceof NumberFormatException) {
            return error(env, ErrorCode.BAD_USER_INPUT, "Invalid argument value of " + env.getField().getName());
        }
        String incident = UUID.randomUUID().toString();
        log.error("Unexpected error in {} (incident {})", env.getExecutionStepInfo().getPath(), incident, ex);
        return error(env, ErrorCode.INTERNAL, "Internal error (incident " + incident + ")");
    }

    /** Where among the arguments the rejected value was given, e.g. {@code input.id}. */
    private static String fieldName(DataFetchingEnvironment env, FieldError error) {
        String path = error.getRejectedValue() == null ? null : pathOf(env.getArguments(), error.getRejectedValue());
        return path != null ? path : error.getField().replaceFirst("^\\$\\.?", "");
    }

    /** IDs are bound to whole numbers; the schema's {@code ID} fields are {@code id} and {@code …Id}. */
    private static String typeName(FieldError error) {
        boolean id = error.getField().matches("(.*\\.)?(id|[a-z]\\w*Id)") || error.getField().equals("$");
        return id && "typeMismatch".equals(error.getCode()) ? "ID: IDs are whole numbers" : "value";
    }

    private static boolean isWholeNumber(ConversionFailedException failed) {
        Class<?> target = failed.getTargetType().getObjectType();
        return target == Long.class || target == Integer.class;
    }

    /** Where among the arguments {@code value} was given, e.g. {@code input.id}; null if not found. */
    private static String pathOf(Map<String, Object> arguments, Object value) {
        for (Map.Entry<String, Object> argument : arguments.entrySet()) {
            if (value.equals(argument.getValue())) {
                return argument.getKey();
            }
            if (argument.getValue() instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                String inner = pathOf((Map<String, Object>) nested, value);
                if (inner != null) {
                    return argument.getKey() + "." + inner;
                }
            }
        }
        return null;
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
