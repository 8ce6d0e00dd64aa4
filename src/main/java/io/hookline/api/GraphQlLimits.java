package io.hookline.api;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Bounds on one request's work, so a single query cannot tie up the server or the database. */
@Configuration(proxyBeanMethods = false)
class GraphQlLimits {

    /** Deep enough for receiver → subscriptions → events → attempts and a fragment or two. */
    static final int MAX_DEPTH = 12;
    static final int MAX_COMPLEXITY = 5000;

    @Bean
    Instrumentation maxQueryDepth() {
        return new MaxQueryDepthInstrumentation(MAX_DEPTH);
    }

    @Bean
    Instrumentation maxQueryComplexity() {
        return new MaxQueryComplexityInstrumentation(MAX_COMPLEXITY);
    }
}
