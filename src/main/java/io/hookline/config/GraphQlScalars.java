package io.hookline.config;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/** The {@code DateTime} scalar: ISO-8601 instants, always written in UTC with milliseconds or better. */
@Configuration(proxyBeanMethods = false)
class GraphQlScalars {

    @Bean
    RuntimeWiringConfigurer dateTimeScalar() {
        GraphQLScalarType dateTime = GraphQLScalarType.newScalar()
                .name("DateTime")
                .description("An instant as ISO-8601 text with offset")
                .coercing(new DateTimeCoercing())
                .build();
        return wiring -> wiring.scalar(dateTime);
    }

    static final class DateTimeCoercing implements Coercing<OffsetDateTime, String> {

        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            OffsetDateTime time = switch (value) {
                case OffsetDateTime odt -> odt;
                case Instant instant -> instant.atOffset(ZoneOffset.UTC);
                default -> throw new CoercingSerializeException("Not a date-time: " + value.getClass().getSimpleName());
            };
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC));
        }

        @Override
        public OffsetDateTime parseValue(Object input, GraphQLContext context, Locale locale) {
            if (input instanceof String text) {
                return parse(text, CoercingParseValueException::new);
            }
            throw new CoercingParseValueException("A DateTime is ISO-8601 text, e.g. 2026-11-29T10:15:30Z");
        }

        @Override
        public OffsetDateTime parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                           Locale locale) {
            if (input instanceof StringValue text) {
                return parse(text.getValue(), CoercingParseLiteralException::new);
            }
            throw new CoercingParseLiteralException("A DateTime is ISO-8601 text, e.g. 2026-11-29T10:15:30Z");
        }

        private static <E extends RuntimeException> OffsetDateTime parse(String text,
                                                                         java.util.function.Function<String, E> error) {
            try {
                return OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                throw error.apply("'" + text + "' is not an ISO-8601 date-time with offset, e.g. 2026-11-29T10:15:30Z");
            }
        }
    }
}
