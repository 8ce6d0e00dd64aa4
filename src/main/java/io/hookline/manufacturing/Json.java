package io.hookline.manufacturing;

/** A value written to a {@code jsonb} column: {@link Rows} casts it in SQL. */
public record Json(String text) {
}
