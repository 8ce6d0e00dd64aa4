package io.hookline.manufacturing;

/**
 * The payload of every manufacturing create and update ({@code LocationPayload}, {@code RunPayload}, …):
 * the row as saved, which {@link ManufacturingWiring} serves as the payload's one field
 * ({@code location}, {@code run}). {@link Deleted} is the payload of every delete.
 */
public record Saved<T extends Row>(T row) {
}
