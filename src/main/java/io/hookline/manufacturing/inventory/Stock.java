package io.hookline.manufacturing.inventory;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.hookline.api.ApiException;
import io.hookline.manufacturing.Rows;
import io.hookline.manufacturing.location.Location;
import io.hookline.manufacturing.part.Part;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Adds to and takes from stock: one inventory row per part, location and serial or lot, created
 * when the first units arrive. Callers run inside their own transaction.
 */
@Component
public class Stock {

    private final Rows rows;
    private final JdbcClient jdbc;

    Stock(Rows rows, JdbcClient jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    /** Puts {@code quantity} units into the matching inventory row, creating it if there is none. */
    public PartInventory add(long organizationId, Part part, Location location, String serialNumber,
                             String lotNumber, BigDecimal quantity) {
        // Two receipts of one part could otherwise both see no row and create twins.
        jdbc.sql("select id from parts where id = :id for update").param("id", part.id()).query(Long.class).single();
        Optional<PartInventory> existing = jdbc.sql("""
                        select * from part_inventories
                        where organization_id = :org and part_id = :part and location_id = :location
                          and serial_number is not distinct from :serial and lot_number is not distinct from :lot
                        order by id limit 1
                        """)
                .param("org", organizationId).param("part", part.id()).param("location", location.id())
                .param("serial", serialNumber).param("lot", lotNumber)
                .query(PartInventory.TABLE.mapper()).optional();
        if (existing.isPresent()) {
            BigDecimal total = existing.get().quantity().add(quantity);
            part.checkTracking(serialNumber, lotNumber, total);
            return rows.update(PartInventory.TABLE, organizationId, existing.get().id(), existing.get().etag(),
                    Map.of("quantity", total));
        }
        part.checkTracking(serialNumber, lotNumber, quantity);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("part_id", part.id());
        values.put("location_id", location.id());
        values.put("quantity", quantity);
        values.put("serial_number", serialNumber);
        values.put("lot_number", lotNumber);
        return rows.insert(PartInventory.TABLE, organizationId, values);
    }

    /** Takes {@code quantity} units out of an inventory row; refused if fewer are there. */
    public PartInventory take(long organizationId, long inventoryId, BigDecimal quantity) {
        PartInventory inventory = rows.get(PartInventory.TABLE, organizationId, inventoryId);
        BigDecimal left = inventory.quantity().subtract(quantity);
        if (left.signum() < 0) {
            throw ApiException.badInput("quantity: PartInventory " + inventoryId + " holds only "
                    + inventory.quantity().stripTrailingZeros().toPlainString() + ", not "
                    + quantity.stripTrailingZeros().toPlainString());
        }
        return rows.update(PartInventory.TABLE, organizationId, inventoryId, inventory.etag(), Map.of("quantity", left));
    }
}
