package io.hookline.manufacturing;

import java.util.Arrays;

import graphql.schema.DataFetcher;
import io.hookline.capture.Resource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * The GraphQL wiring the manufacturing types share, named from {@link Resource}: the {@code _etag}
 * field of every resource's type, and the one field of its payload ({@code LocationPayload.location}),
 * which is the {@link Saved} row. (The {@code Decimal} scalar of quantities and money is with the
 * other scalars, in config.)
 */
@Configuration(proxyBeanMethods = false)
class ManufacturingWiring {

    @Bean
    RuntimeWiringConfigurer etagFields() {
        DataFetcher<String> etag = env -> env.<Row>getSource().etag();
        return wiring -> Arrays.stream(Resource.values()).map(Resource::typeName)
                .forEach(type -> wiring.type(type, builder -> builder.dataFetcher("_etag", etag)));
    }

    @Bean
    RuntimeWiringConfigurer payloadFields() {
        DataFetcher<Row> saved = env -> env.<Saved<?>>getSource().row();
        return wiring -> Arrays.stream(Resource.values()).map(Resource::typeName).forEach(type -> {
            String field = Character.toLowerCase(type.charAt(0)) + type.substring(1);
            wiring.type(type + "Payload", builder -> builder.dataFetcher(field, saved));
        });
    }
}
