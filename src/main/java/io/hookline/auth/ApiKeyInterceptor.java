package io.hookline.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import io.hookline.api.Caller;
import io.hookline.api.ErrorCode;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Every GraphQL request must carry {@code Authorization: Bearer <api key>}; the caller it names
 * goes into the GraphQL context for the resolvers. A request without a valid key runs nothing.
 * Introspection alone needs no key: the schema is public, and GraphiQL needs it to help type.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiKeyInterceptor implements WebGraphQlInterceptor {

    private static final String BEARER = "Bearer ";

    /** How stale a key's {@code last_used_at} may get; it tells people which keys are still in use. */
    private static final Duration USE_RECORDING_INTERVAL = Duration.ofMinutes(1);

    private final AuthRepository repository;
    private final InstantSource clock;
    /** When this process last wrote each key's use, so most requests skip that write entirely. */
    private final Map<Long, Instant> useRecorded = new ConcurrentHashMap<>();

    ApiKeyInterceptor(AuthRepository repository, InstantSource clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        String header = request.getHeaders().getFirst("Authorization");
        if (header == null || header.isBlank()) {
            return isIntrospectionOnly(request.getDocument())
                    ? chain.next(request)
                    : unauthenticated(request, "Missing API key: send the header 'Authorization: Bearer <api key>'");
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return unauthenticated(request, "The Authorization header must be 'Bearer <api key>'");
        }
        Optional<Caller> caller = repository.callerForToken(header.substring(BEARER.length()).trim());
        if (caller.isEmpty()) {
            return unauthenticated(request, "Invalid or revoked API key");
        }
        recordUse(caller.get().apiKeyId());
        request.configureExecutionInput((input, builder) ->
                builder.graphQLContext(Map.of(Caller.CONTEXT_KEY, caller.get())).build());
        return chain.next(request);
    }

    private void recordUse(long apiKeyId) {
        Instant now = clock.instant();
        Instant last = useRecorded.get(apiKeyId);
        if (last == null || last.plus(USE_RECORDING_INTERVAL).isBefore(now)) {
            useRecorded.put(apiKeyId, now);
            repository.touch(apiKeyId, now);
        }
    }

    private static Mono<WebGraphQlResponse> unauthenticated(WebGraphQlRequest request, String message) {
        ExecutionInput input = request.toExecutionInput();
        ExecutionResult result = ExecutionResult.newExecutionResult()
                .addError(GraphqlErrorBuilder.newError()
                        .message(message)
                        .errorType(ErrorType.UNAUTHORIZED)
                        .extensions(Map.of("code", ErrorCode.UNAUTHENTICATED.name()))
                        .build())
                .build();
        return Mono.just(new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(input, result)));
    }

    static boolean isIntrospectionOnly(String document) {
        try {
            Document parsed = Parser.parse(document);
            List<OperationDefinition> operations = parsed.getDefinitionsOfType(OperationDefinition.class);
            return !operations.isEmpty() && operations.stream().allMatch(op ->
                    op.getOperation() == OperationDefinition.Operation.QUERY
                            && op.getSelectionSet().getSelections().stream().allMatch(selection ->
                            selection instanceof Field field && field.getName().startsWith("__")));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
