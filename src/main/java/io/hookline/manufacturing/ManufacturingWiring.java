package io.hookline.manufacturing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLScalarType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * The GraphQL wiring the manufacturing types share: the {@code _etag} field of every type, and
 * the {@code Decimal} scalar for quantities and money: exact, unlike {@code Float}. Written as a
 * JSON number; read from a number or a numeric string, so clients that must avoid binary
 * floating point can send text.
 */
@Configuration(proxyBeanMethods = false)
class ManufacturingWiring {

    private static final List<String> TYPES = List.of("Location", "Part", "PartInventory", "Procedure", "Run",
            "RunStep", "RunStepFieldValue", "Issue", "PurchaseOrder", "PurchaseOrderLine", "Receipt", "FileAttachment");

    @Bean
    RuntimeWiringConfigurer decimalScalar() {
        GraphQLScalarType decimal = GraphQLScalarType.newScalar()
                .name("Decimal")
                .description("An exact decimal number")
                .coercing(new DecimalCoercing())
                .build();
        return wiring -> wiring.scalar(decimal);
    }

    @Bean
    RuntimeWiringConfigurer etagFields() {
        DataFetcher<String> etag = env -> env.<Row>getSource().etag();
        return wiring -> TYPES.forEach(type -> wiring.type(type, builder -> builder.dataFetcher("_etag", etag)));
    }

    static final class DecimalCoercing implements Coercing<BigDecimal, BigDecimal> {

        @Override
        public BigDecimal serialize(Object value, GraphQLContext context, Locale locale) {
            return switch (value) {
                case BigDecimal decimal -> decimal.stripTrailingZeros().scale() < 0
                        ? decimal.setScale(0) : decimal.stripTrailingZeros();
                case Number number -> new BigDecimal(number.toString());
                default -> throw new CoercingSerializeException("Not a decimal: " + value.getClass().getSimpleName());
            };
        }

        @Override
        public BigDecimal parseValue(Object input, GraphQLContext context, Locale locale) {
            try {
                return switch (input) {
                    case BigDecimal decimal -> decimal;
                    case Number number -> new BigDecimal(number.toString());
                    case String text -> new BigDecimal(text.trim());
                    default -> throw new CoercingParseValueException("A Decimal is a number, e.g. 12.5");
                };
            } catch (NumberFormatException e) {
                throw new CoercingParseValueException("'" + input + "' is not a decimal number");
            }
        }

        @Override
        public BigDecimal parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                       Locale locale) {
            try {
                return switch (input) {
                    case IntValue i -> new BigDecimal(i.getValue());
                    case FloatValue f -> f.getValue();
                    case StringValue s -> new BigDecimal(s.getValue().trim());
                    default -> throw new CoercingParseLiteralException("A Decimal is a number, e.g. 12.5");
                };
            } catch (NumberFormatException e) {
                throw new CoercingParseLiteralException("'" + input + "' is not a decimal number");
            }
        }
    }
}
