package io.hookline.manufacturing;

/** The {@code DeletePayload} of every manufacturing delete. */
public record Deleted(long id) {
}
