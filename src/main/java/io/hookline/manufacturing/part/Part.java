package io.hookline.manufacturing.part;

import io.hookline.capture.Resource;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

import io.hookline.api.ApiException;
import io.hookline.manufacturing.Row;
import io.hookline.manufacturing.Table;

/** A part, identified by part number and revision, and how its units are told apart. */
public record Part(long id, long organizationId, String partNumber, String revision, String description,
                   String unitOfMeasure, Tracking tracking, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                   String etag) implements Row {

    public static final Table<Part> TABLE = Table.of(Resource.PARTS, Part.class)
            .sortable("PART_NUMBER", "part_number", "text")
            .duplicateMeans("A part with this part number and revision already exists");

    public enum Tracking { SERIAL, LOT, NONE }

    /**
     * Checks that stock of this part names its units the way the part is tracked: a serial number
     * for exactly one unit, a lot number for a batch, or neither.
     */
    public void checkTracking(String serialNumber, String lotNumber, BigDecimal quantity) {
        String name = "part " + partNumber + " rev " + revision;
        switch (tracking) {
            case SERIAL -> {
                if (serialNumber == null) {
                    throw ApiException.badInput("serialNumber is required: " + name + " is tracked by serial");
                }
                if (quantity != null && quantity.compareTo(BigDecimal.ONE) > 0) {
                    throw ApiException.badInput("quantity: a serial number names one unit of " + name
                            + ", so the quantity is at most 1, not " + quantity.toPlainString());
                }
            }
            case LOT -> {
                if (lotNumber == null) {
                    throw ApiException.badInput("lotNumber is required: " + name + " is tracked by lot");
                }
            }
            case NONE -> {
            }
        }
        if (serialNumber != null && tracking != Tracking.SERIAL) {
            throw ApiException.badInput("serialNumber: " + name + " is not tracked by serial");
        }
        if (lotNumber != null && tracking != Tracking.LOT) {
            throw ApiException.badInput("lotNumber: " + name + " is not tracked by lot");
        }
    }
}
