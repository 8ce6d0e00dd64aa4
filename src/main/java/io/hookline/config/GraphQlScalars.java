package io.hookline.config;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;

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
import graphql.schema.GraphQLScalarType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * The custom scalars. Input that a column could not hold exactly is refused here, with the rule
 * in the message, rather than rounded, overflowed or failing later in the database: nothing is
 * ever stored differently from what was sent.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlScalars {

    /** Digits a Decimal may have before the point: what {@code numeric(18, 6)} columns hold. */
    static final int DECIMAL_INTEGER_DIGITS = 12;
    /** Digits a Decimal may have after the point, trailing zeros aside. */
    static final int DECIMAL_FRACTION_DIGITS = 6;
    /** Longer text is refused before it is parsed: no exact Decimal needs more. */
    private static final int DECIMAL_MAX_TEXT = 40;
    /** ISO-8601 years without an expansion sign; PostgreSQL's timestamptz holds them all. */
    static final int MIN_YEAR = 1;
    static final int MAX_YEAR = 9999;

    @Bean
    RuntimeWiringConfigurer customScalars() {
        GraphQLScalarType dateTime = GraphQLScalarType.newScalar()
                .name("DateTime")
                .description("An instant as ISO-8601 text with offset")
                .coercing(new DateTimeCoercing())
                .build();
        GraphQLScalarType decimal = GraphQLScalarType.newScalar()
                .name("Decimal")
                .description("An exact decimal number")
                .coercing(new DecimalCoercing())
                .build();
        return wiring -> wiring.scalar(dateTime).scalar(decimal);
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

        static <E extends RuntimeException> OffsetDateTime parse(String text, Function<String, E> error) {
            OffsetDateTime time;
            try {
                time = OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                throw error.apply("'" + text + "' is not an ISO-8601 date-time with offset, e.g. 2026-11-29T10:15:30Z");
            }
            int year = time.withOffsetSameInstant(ZoneOffset.UTC).getYear();
            if (year < MIN_YEAR || year > MAX_YEAR) {
                throw error.apply("'" + text + "' is out of range: a DateTime's year is " + MIN_YEAR + " to " + MAX_YEAR);
            }
            return time;
        }
    }

    /**
     * Written as a JSON number; read from a number or a numeric string, so clients that must
     * avoid binary floating point can send text.
     */
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
            return switch (input) {
                case BigDecimal decimal -> checked(decimal, decimal.toString(), CoercingParseValueException::new);
                case Double d when d.isNaN() || d.isInfinite() ->
                        throw new CoercingParseValueException("'" + d + "' is out of range: " + DecimalCoercing.rule());
                case Number number -> parse(number.toString(), CoercingParseValueException::new);
                case String text -> parse(text.trim(), CoercingParseValueException::new);
                default -> throw new CoercingParseValueException("A Decimal is a number, e.g. 12.5");
            };
        }

        @Override
        public BigDecimal parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                       Locale locale) {
            return switch (input) {
                case IntValue i -> parse(i.getValue().toString(), CoercingParseLiteralException::new);
                case FloatValue f -> checked(f.getValue(), f.getValue().toString(), CoercingParseLiteralException::new);
                case StringValue s -> parse(s.getValue().trim(), CoercingParseLiteralException::new);
                default -> throw new CoercingParseLiteralException("A Decimal is a number, e.g. 12.5");
            };
        }

        static <E extends RuntimeException> BigDecimal parse(String text, Function<String, E> error) {
            if (text.length() > DECIMAL_MAX_TEXT) {
                throw error.apply("'" + text.substring(0, 20) + "…' is out of range: " + rule());
            }
            try {
                return checked(new BigDecimal(text), text, error);
            } catch (NumberFormatException e) {
                throw error.apply("'" + text + "' is not a decimal number");
            }
        }

        /** The value if it fits the rule exactly; over-precise or out-of-range values are refused, never rounded. */
        static <E extends RuntimeException> BigDecimal checked(BigDecimal value, String text, Function<String, E> error) {
            // Scale alone bounds the work: 1e999999999 has precision 1 and scale -999999999.
            if (value.scale() < -DECIMAL_INTEGER_DIGITS || value.scale() > 1000) {
                throw error.apply("'" + text + "' is out of range: " + rule());
            }
            BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
            int integerDigits = stripped.precision() - stripped.scale();
            if (integerDigits > DECIMAL_INTEGER_DIGITS) {
                throw error.apply("'" + text + "' is out of range: " + rule());
            }
            if (stripped.scale() > DECIMAL_FRACTION_DIGITS) {
                throw error.apply("'" + text + "' is too precise: " + rule());
            }
            return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }

        private static String rule() {
            return "a Decimal has at most " + DECIMAL_INTEGER_DIGITS + " digits before the point and "
                    + DECIMAL_FRACTION_DIGITS + " after";
        }
    }
}
