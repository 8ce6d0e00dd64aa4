package io.hookline.manufacturing;

import java.util.List;

import graphql.schema.DataFetcher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * The GraphQL wiring the manufacturing types share: the {@code _etag} field of every type. (The
 * {@code Decimal} scalar of quantities and money is with the other scalars, in config.)
 */
@Configuration(proxyBeanMethods = false)
class ManufacturingWiring {

    private static final List<String> TYPES = List.of("Location", "Part", "PartInventory", "Procedure", "Run",
            "RunStep", "RunStepFieldValue", "Issue", "PurchaseOrder", "PurchaseOrderLine", "Receipt", "FileAttachment");

    @Bean
    RuntimeWiringConfigurer etagFields() {
        DataFetcher<String> etag = env -> env.<Row>getSource().etag();
        return wiring -> TYPES.forEach(type -> wiring.type(type, builder -> builder.dataFetcher("_etag", etag)));
    }
}
