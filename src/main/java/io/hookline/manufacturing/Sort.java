package io.hookline.manufacturing;

import io.hookline.api.SortDirection;

/** The {@code sort} argument of every manufacturing list; {@code field} is one of the type's sort enum values. */
public record Sort(String field, SortDirection direction) {
}
