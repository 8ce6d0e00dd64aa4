package io.hookline.api;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.hookline.receiver.SecretCipher;
import io.hookline.testing.GraphQl;
import io.hookline.testing.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PaginationTest extends IntegrationTest {

    private static final String SECRET = new SecretCipher(Base64.getDecoder().decode(TEST_ENCRYPTION_KEY))
            .encrypt("whsec_" + Base64.getEncoder().encodeToString(new byte[32]));

    private static final String PAGE = """
            query($first: Int, $after: String, $last: Int, $before: String, $sort: WebhookReceiverSort) {
              webhookReceivers(first: $first, after: $after, last: $last, before: $before, sort: $sort) {
                edges { cursor node { id name } }
                pageInfo { hasNextPage hasPreviousPage startCursor endCursor totalCount count }
              }
            }
            """;

    @BeforeEach
    void twoHundredFiftyReceivers() {
        jdbc.sql("""
                insert into webhook_receivers (organization_id, name, webhook_uri, shared_secret)
                select :org, 'receiver ' || lpad(n::text, 3, '0'), 'https://example.com/' || n, :secret
                from generate_series(1, 250) n
                """).param("org", tenant.organizationId()).param("secret", SECRET).update();
    }

    @Test
    void pages_forward_through_all_250_in_order_without_gaps_or_repeats() {
        List<Long> seen = new ArrayList<>();
        String after = null;
        boolean more = true;
        int pages = 0;
        while (more) {
            Map<String, Object> vars = new java.util.HashMap<>(Map.of("first", 100));
            if (after != null) {
                vars.put("after", after);
            }
            GraphQl.Response page = api.execute(PAGE, vars).ok();
            seen.addAll(ids(page));
            assertThat(page.<Integer>path("$.data.webhookReceivers.pageInfo.totalCount")).isEqualTo(250);
            assertThat(page.<Boolean>path("$.data.webhookReceivers.pageInfo.hasPreviousPage")).isEqualTo(pages > 0);
            more = page.path("$.data.webhookReceivers.pageInfo.hasNextPage");
            after = page.string("$.data.webhookReceivers.pageInfo.endCursor");
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(250).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void pages_backward_from_the_end_through_all_250() {
        List<Long> seen = new ArrayList<>();
        String before = null;
        boolean more = true;
        while (more) {
            Map<String, Object> vars = new java.util.HashMap<>(Map.of("last", 60));
            if (before != null) {
                vars.put("before", before);
            }
            GraphQl.Response page = api.execute(PAGE, vars).ok();
            List<Long> ids = ids(page);
            assertThat(ids).isSorted();
            seen.addAll(0, ids);
            more = page.path("$.data.webhookReceivers.pageInfo.hasPreviousPage");
            before = page.string("$.data.webhookReceivers.pageInfo.startCursor");
        }
        assertThat(seen).hasSize(250).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void sorting_by_name_descending_pages_consistently() {
        Map<String, Object> sort = Map.of("field", "NAME", "direction", "DESC");
        GraphQl.Response first = api.execute(PAGE, Map.of("first", 2, "sort", sort)).ok();
        assertThat(first.<List<String>>path("$.data.webhookReceivers.edges[*].node.name"))
                .containsExactly("receiver 250", "receiver 249");
        GraphQl.Response second = api.execute(PAGE, Map.of("first", 2, "sort", sort,
                "after", first.string("$.data.webhookReceivers.pageInfo.endCursor"))).ok();
        assertThat(second.<List<String>>path("$.data.webhookReceivers.edges[*].node.name"))
                .containsExactly("receiver 248", "receiver 247");
        assertThat(api.execute(PAGE, Map.of("first", 2, "after", first.string("$.data.webhookReceivers.pageInfo.endCursor")))
                .errorCode()).as("a cursor of another sort").isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void inserts_between_pages_neither_shift_nor_repeat_what_was_seen() {
        GraphQl.Response first = api.execute(PAGE, Map.of("first", 10)).ok();
        jdbc.sql("""
                insert into webhook_receivers (organization_id, name, webhook_uri, shared_secret)
                values (:org, 'late', 'https://example.com/late', :secret)
                """).param("org", tenant.organizationId()).param("secret", SECRET).update();
        GraphQl.Response second = api.execute(PAGE, Map.of("first", 10,
                "after", first.string("$.data.webhookReceivers.pageInfo.endCursor"))).ok();
        assertThat(ids(second)).first().isEqualTo(ids(first).getLast() + 1);
    }

    @Test
    void page_size_is_capped_at_100_and_mixed_directions_are_refused() {
        assertThat(api.execute(PAGE, Map.of("first", 101)).errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(api.execute(PAGE, Map.of("last", 500)).errorMessage()).contains("at most 100");
        assertThat(api.execute(PAGE, Map.of("first", -1)).errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(api.execute(PAGE, Map.of("first", 5, "last", 5)).errorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(api.execute(PAGE, Map.of("first", 5, "after", "garbage!")).errorCode()).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void default_page_is_20_with_count_and_cursors() {
        GraphQl.Response page = api.execute(PAGE, Map.of()).ok();
        assertThat(page.<Integer>path("$.data.webhookReceivers.pageInfo.count")).isEqualTo(20);
        assertThat(page.string("$.data.webhookReceivers.pageInfo.startCursor"))
                .isEqualTo(page.string("$.data.webhookReceivers.edges[0].cursor"));
    }

    private static List<Long> ids(GraphQl.Response page) {
        List<String> ids = page.path("$.data.webhookReceivers.edges[*].node.id");
        return ids.stream().map(Long::parseLong).toList();
    }
}
