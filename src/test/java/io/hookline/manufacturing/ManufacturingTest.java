package io.hookline.manufacturing;

import java.math.BigDecimal;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import io.hookline.testing.IntegrationTest;
import io.hookline.testing.TestReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;

/** An organization with the manufacturing API, a plant builder and a receiver to hear its webhooks. */
abstract class ManufacturingTest extends IntegrationTest {

    protected TestReceiver receiver;
    protected Api mfg;
    protected Plant plant;
    protected Events events;

    @BeforeEach
    void manufacturing() {
        receiver = TestReceiver.https();
        mfg = new Api(api);
        plant = new Plant(mfg);
        events = new Events(api, jdbc, tenant.organizationId(), receiver);
    }

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    /**
     * Asserts the events of creating one object, changing one column of it, and deleting it:
     * exactly those three, each with the right data, previous_data and changed_fields.
     */
    protected static void assertLifecycle(List<Events.Event> got, String resource, long id, String column,
                                          Object before, Object after) {
        assertThat(Events.keys(got)).containsExactly(resource + " CREATE", resource + " UPDATE", resource + " DELETE");
        Events.Event create = got.get(0);
        assertThat(create.<Integer>data("id")).isEqualTo((int) id);
        assertThat(plain(create.data(column))).isEqualTo(plain(before));
        assertThat(JsonPath.<Object>read(create.body(), "$.previous_data")).isNull();
        assertThat(create.changedFields()).isEmpty();
        Events.Event update = got.get(1);
        assertThat(update.changedFields()).containsExactly(column);
        assertThat(plain(update.previous(column))).isEqualTo(plain(before));
        assertThat(plain(update.data(column))).isEqualTo(plain(after));
        assertThat(update.<Integer>data("id")).isEqualTo((int) id);
        Events.Event delete = got.get(2);
        assertThat(JsonPath.<Object>read(delete.body(), "$.data")).isNull();
        assertThat(delete.<Integer>previous("id")).isEqualTo((int) id);
        assertThat(plain(delete.previous(column))).isEqualTo(plain(after));
    }

    /** A value as text, numbers by value whatever their scale or JSON type. */
    private static String plain(Object value) {
        return value instanceof Number number
                ? new BigDecimal(number.toString()).stripTrailingZeros().toPlainString() : String.valueOf(value);
    }
}
