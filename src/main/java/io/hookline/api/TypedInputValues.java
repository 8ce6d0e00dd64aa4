package io.hookline.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import graphql.GraphQLContext;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * A variable's value walked along its declared type: a Decimal or DateTime against its scalar's
 * rules and an enum value against the enum, so the error names the path ({@code $input.quantity})
 * rather than only the variable; text anywhere in it must be {@link StorableText}.
 */
final class TypedInputValues {

    /** Scalars whose rules need the declared type to find: text alone does not say a value is a Decimal. */
    private static final Set<String> CHECKED_SCALARS = Set.of("Decimal", "DateTime");

    private TypedInputValues() {
    }

    /** The first problem in {@code value} of {@code type}, or null. */
    static String problemIn(String where, GraphQLType type, Object value) {
        GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
        if (value == null) {
            return null;
        }
        if (unwrapped instanceof GraphQLList list) {
            if (!(value instanceof List<?> items)) {
                return problemIn(where, list.getWrappedType(), value);
            }
            for (int i = 0; i < items.size(); i++) {
                String problem = problemIn(where + "[" + i + "]", list.getWrappedType(), items.get(i));
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
                String problem = field == null ? StorableText.problemInValue(at, entry.getValue())
                        : problemIn(at, field.getType(), entry.getValue());
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        if (unwrapped instanceof GraphQLEnumType enumType && value instanceof String name
                && enumType.getValue(name) == null) {
            // graphql-java's own message names the enum type, not where the value was.
            return where + ": '" + name + "' is not one of " + enumType.getValues().stream()
                    .map(GraphQLEnumValueDefinition::getName).toList();
        }
        if (unwrapped instanceof GraphQLScalarType scalar && CHECKED_SCALARS.contains(scalar.getName())) {
            try {
                scalar.getCoercing().parseValue(value, GraphQLContext.getDefault(), Locale.ROOT);
            } catch (CoercingParseValueException e) {
                return where + ": " + e.getMessage();
            }
        }
        return StorableText.problemInValue(where, value);
    }
}
