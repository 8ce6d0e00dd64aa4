package io.hookline.capture;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.hookline.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Resource} is the one list of resources (docs/adding-a-resource.md); what cannot derive
 * from it, the schema's enum and the migrations that make tables webhookable, must say the same.
 */
class ResourceRegistryTest extends IntegrationTest {

    private static final List<String> CAPTURE_TRIGGERS = List.of("capture_deletes", "capture_inserts", "capture_updates");

    @Autowired
    GraphQlSource graphQl;

    @Test
    void the_schema_enum_names_every_resource_with_its_singular_alias_and_nothing_else() {
        GraphQLEnumType resourceEnum = (GraphQLEnumType) schema().getType("ResourceEnum");

        assertThat(resourceEnum.getValues().stream().filter(v -> !v.isDeprecated()).map(GraphQLEnumValueDefinition::getName))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Resource.values()).map(Resource::name).toList());
        assertThat(resourceEnum.getValues().stream().filter(GraphQLEnumValueDefinition::isDeprecated)
                .collect(Collectors.toMap(GraphQLEnumValueDefinition::getName, GraphQLEnumValueDefinition::getDeprecationReason)))
                .isEqualTo(Arrays.stream(Resource.values())
                        .collect(Collectors.toMap(Resource::singular, r -> "Use " + r.name() + ".")));
    }

    @Test
    void every_resource_has_an_object_type_with_an_etag() {
        for (Resource resource : Resource.values()) {
            GraphQLObjectType type = schema().getObjectType(resource.typeName());
            assertThat(type).as(resource + "'s type " + resource.typeName()).isNotNull();
            assertThat(type.getFieldDefinition("_etag")).as(resource.typeName() + "._etag").isNotNull();
        }
    }

    @Test
    void the_migrations_make_exactly_the_resources_tables_webhookable() {
        Map<String, String> declared = jdbc.sql("select resource, table_name::text as table_name from webhookable_tables")
                .query((rs, n) -> Map.entry(rs.getString("resource"), rs.getString("table_name"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(declared).isEqualTo(Arrays.stream(Resource.values())
                .collect(Collectors.toMap(Resource::name, Resource::table)));
    }

    @Test
    void every_resource_table_carries_the_three_capture_triggers_for_its_resource() {
        Map<String, List<String>> triggers = jdbc.sql("""
                        select tgrelid::regclass::text as table_name, tgname
                        from pg_trigger where tgname like 'capture\\_%' and not tgisinternal order by tgname
                        """)
                .query((rs, n) -> Map.entry(rs.getString("table_name"), rs.getString("tgname"))).list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));

        assertThat(triggers).isEqualTo(Arrays.stream(Resource.values())
                .collect(Collectors.toMap(Resource::table, r -> CAPTURE_TRIGGERS)));
        for (Resource resource : Resource.values()) {
            // The trigger's argument is the resource name its changes are logged under.
            assertThat(jdbc.sql("""
                            select count(*) from pg_trigger
                            where tgrelid = cast(:table as regclass) and tgname like 'capture\\_%'
                              and encode(tgargs, 'escape') = :resource || '\\000'
                            """)
                    .param("table", resource.table()).param("resource", resource.name()).query(Integer.class).single())
                    .as(resource.table() + "'s triggers log " + resource).isEqualTo(3);
        }
    }

    private GraphQLSchema schema() {
        return graphQl.schema();
    }
}
