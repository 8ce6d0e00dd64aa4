package io.hookline.api;

import java.util.Map;

import graphql.ExecutionResult;
import graphql.execution.TypeFromAST;
import graphql.GraphqlErrorBuilder;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Input that cannot be stored exactly is refused before anything runs, naming where it is:
 * text with a NUL (U+0000), which a text column cannot hold at all, or a lone UTF-16 surrogate
 * (from a JSON escape such as {@code "\ud800"}), which is not a character and would be written as
 * {@code ?}, in every variable and string literal; and Decimal and DateTime variables against
 * their scalar's rules, so the error says {@code $input.quantity} rather than only the variable, and
 * enum values likewise ({@code $input.ordering}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class InputValueInterceptor implements WebGraphQlInterceptor {

    private final ObjectProvider<GraphQlSource> graphQl;

    InputValueInterceptor(ObjectProvider<GraphQlSource> graphQl) {
        this.graphQl = graphQl;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Document document = request.getVariables().isEmpty() && !StorableText.mayHideBadText(request.getDocument())
                ? null : parse(request.getDocument());
        String problem = document == null ? null : problemInVariables(document, request);
        if (problem == null && document != null) {
            problem = StorableText.problemInNode("", document);
        }
        if (problem == null) {
            return chain.next(request);
        }
        ExecutionResult result = ExecutionResult.newExecutionResult()
                .addError(GraphqlErrorBuilder.newError()
                        .message(problem)
                        .errorType(ErrorType.BAD_REQUEST)
                        .extensions(Map.of("code", ErrorCode.BAD_USER_INPUT.name()))
                        .build())
                .build();
        return Mono.just(new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result)));
    }

    /** Each variable walked along its declared type, so a Decimal or DateTime deep in an input is named by its path. */
    private String problemInVariables(Document document, WebGraphQlRequest request) {
        GraphQLSchema schema = graphQl.getObject().schema();
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            if (request.getOperationName() != null && !request.getOperationName().equals(operation.getName())) {
                continue;
            }
            for (VariableDefinition definition : operation.getVariableDefinitions()) {
                GraphQLType type = TypeFromAST.getTypeFromAST(schema, definition.getType());
                String where = "$" + definition.getName();
                Object value = request.getVariables().get(definition.getName());
                String problem = type == null ? StorableText.problemInValue(where, value)
                        : TypedInputValues.problemIn(where, type, value);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return StorableText.problemInValue("$", request.getVariables());
    }

    private static Document parse(String document) {
        try {
            return Parser.parse(document);
        } catch (InvalidSyntaxException e) {
            return null; // GraphQL itself reports the syntax error
        }
    }
}
