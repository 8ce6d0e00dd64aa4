package io.hookline.api;

import graphql.ExecutionResult;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.introspection.GoodFaithIntrospection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds on one request's work, so a single query cannot tie up the server or the database.
 *
 * <p>Introspection ({@code __schema}, {@code __type} and everything under them) is not counted
 * against the depth and complexity limits: the standard introspection queries of graphql-js,
 * GraphiQL and Apollo nest {@code ofType} nine levels deep and would never fit. It is bounded
 * by its own shape instead: graphql-java's {@link GoodFaithIntrospection} (kept on) allows each
 * of {@code __schema}, {@code __type}, {@code __Type.fields}, {@code inputFields},
 * {@code interfaces}, {@code possibleTypes} once per query, at most 20 levels and 500 fields, so
 * the cyclic type graph cannot be walked round and round.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlLimits {

    /** Deep enough for receiver → subscriptions → events → attempts and a fragment or two. */
    static final int MAX_DEPTH = 12;
    static final int MAX_COMPLEXITY = 5000;

    GraphQlLimits() {
        GoodFaithIntrospection.enabledJvmWide(true);
    }

    @Bean
    Instrumentation maxQueryDepth() {
        return new MaxDepthOutsideIntrospection(MAX_DEPTH);
    }

    @Bean
    Instrumentation maxQueryComplexity() {
        return new MaxQueryComplexityInstrumentation(MAX_COMPLEXITY,
                (env, childComplexity) -> isIntrospection(env) ? 0 : 1 + childComplexity);
    }

    private static boolean isIntrospection(FieldComplexityEnvironment env) {
        return env.getField().getName().startsWith("__") || env.getParentType().getName().startsWith("__");
    }

    /** The depth of the deepest field that is not part of introspection; over the limit aborts the operation. */
    static final class MaxDepthOutsideIntrospection extends SimplePerformantInstrumentation {

        private final int maxDepth;

        MaxDepthOutsideIntrospection(int maxDepth) {
            this.maxDepth = maxDepth;
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(
                InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
            ExecutionContext context = parameters.getExecutionContext();
            QueryTraverser traverser = QueryTraverser.newQueryTraverser()
                    .schema(context.getGraphQLSchema())
                    .document(context.getDocument())
                    .operationName(context.getExecutionInput().getOperationName())
                    .coercedVariables(context.getCoercedVariables())
                    .build();
            int depth = traverser.reducePreOrder((env, deepest) -> Math.max(deepest, depthOf(env)), 0);
            if (depth > maxDepth) {
                throw new AbortExecutionException("maximum query depth exceeded " + depth + " > " + maxDepth);
            }
            return SimpleInstrumentationContext.noOp();
        }

        /** The field's depth, or 0 when it is introspection: {@code __schema}, {@code __type} or below them. */
        private static int depthOf(QueryVisitorFieldEnvironment env) {
            int depth = 0;
            for (QueryVisitorFieldEnvironment at = env; at != null; at = at.getParentEnvironment()) {
                String name = at.getField().getName();
                if (name.equals("__schema") || name.equals("__type")) {
                    return 0;
                }
                depth++;
            }
            return depth;
        }
    }
}
