package io.hookline.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.execution.TypeFromAST;
import graphql.GraphqlErrorBuilder;
import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.ObjectField;
import graphql.language.OperationDefinition;
import graphql.language.StringValue;
import graphql.language.VariableDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
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

    /** Scalars whose rules need the declared type to find: text alone does not say a value is a Decimal. */
    private static final Set<String> CHECKED_SCALARS = Set.of("Decimal", "DateTime");

    private final ObjectProvider<GraphQlSource> graphQl;

    InputValueInterceptor(ObjectProvider<GraphQlSource> graphQl) {
        this.graphQl = graphQl;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Document document = request.getVariables().isEmpty() && !mayHideBadText(request.getDocument())
                ? null : parse(request.getDocument());
        String problem = document == null ? null : problemInVariables(document, request);
        if (problem == null && document != null) {
            problem = problemInNode("", document);
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

    /** The rule {@code text} breaks, or null. */
    static String problemInText(String where, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return where + ": text must not contain the NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return where + ": text must be valid Unicode, but has a lone surrogate U+"
                        + Integer.toHexString(c).toUpperCase() + " (send the character itself, or both halves of its pair)";
            }
        }
        return null;
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
                String problem = type == null ? problemInVariables(where, value) : problemInValue(where, type, value);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return problemInVariables("$", request.getVariables());
    }

    private static String problemInValue(String where, GraphQLType type, Object value) {
        GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
        if (value == null) {
            return null;
        }
        if (unwrapped instanceof GraphQLList list) {
            if (!(value instanceof List<?> items)) {
                return problemInValue(where, list.getWrappedType(), value);
            }
            for (int i = 0; i < items.size(); i++) {
                String problem = problemInValue(where + "[" + i + "]", list.getWrappedType(), items.get(i));
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        if (unwrapped instanceof GraphQLInputObjectType object && value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                GraphQLInputObjectField field = object.getField(String.valueOf(entry.getKey()));
                String at = where + "." + entry.getKey();
                String problem = field == null ? problemInVariables(at, entry.getValue())
                        : problemInValue(at, field.getType(), entry.getValue());
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        if (unwrapped instanceof graphql.schema.GraphQLEnumType enumType && value instanceof String name
                && enumType.getValue(name) == null) {
            // graphql-java's own message names the enum type, not where the value was.
            return where + ": '" + name + "' is not one of " + enumType.getValues().stream()
                    .map(graphql.schema.GraphQLEnumValueDefinition::getName).toList();
        }
        if (unwrapped instanceof GraphQLScalarType scalar && CHECKED_SCALARS.contains(scalar.getName())) {
            try {
                scalar.getCoercing().parseValue(value, GraphQLContext.getDefault(), Locale.ROOT);
            } catch (CoercingParseValueException e) {
                return where + ": " + e.getMessage();
            }
        }
        return problemInVariables(where, value);
    }

    private static String problemInVariables(String where, Object value) {
        return switch (value) {
            case String text -> problemInText(where, text);
            case Map<?, ?> map -> {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String problem = problemInText(where + " (a key)", String.valueOf(entry.getKey()));
                    if (problem == null) {
                        problem = problemInVariables(where + "." + entry.getKey(), entry.getValue());
                    }
                    if (problem != null) {
                        yield problem;
                    }
                }
                yield null;
            }
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    String problem = problemInVariables(where + "[" + i + "]", list.get(i));
                    if (problem != null) {
                        yield problem;
                    }
                }
                yield null;
            }
            case null, default -> null;
        };
    }

    /** Only escapes or raw surrogates can put such text in a document: most documents skip the parse. */
    private static boolean mayHideBadText(String document) {
        return document.contains("\\u") || document.indexOf('\u0000') >= 0
                || document.chars().anyMatch(c -> Character.isSurrogate((char) c));
    }

    private static Document parse(String document) {
        try {
            return Parser.parse(document);
        } catch (InvalidSyntaxException e) {
            return null; // GraphQL itself reports the syntax error
        }
    }

    private static String problemInNode(String where, Node<?> node) {
        String here = switch (node) {
            case Field field -> field.getResultKey();
            case Argument argument -> where + "(" + argument.getName() + ")";
            case ObjectField field -> where + "." + field.getName();
            default -> where;
        };
        if (node instanceof StringValue text) {
            return problemInText(where.isEmpty() ? "a string in the document" : where, text.getValue());
        }
        for (Node<?> child : node.getChildren()) {
            String problem = problemInNode(here, child);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }
}
