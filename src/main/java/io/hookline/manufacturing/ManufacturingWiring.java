package io.hookline.manufacturing;

import java.util.Arrays;

import graphql.schema.DataFetcher;
import io.hookline.capture.Resource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * The GraphQL wiring the manufacturing types share: the {@code _etag} field of every resource's
 * type, named from {@link Resource}. (The {@code Decimal} scalar of quantities and money is with the
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
}
