package io.hookline.manufacturing;

import io.hookline.query.ListSort;
import io.hookline.query.PageArgs;

/** The Relay paging and the sort arguments of a list field, bound with {@code @Arguments} beside its filters. */
public record ListPage(Integer first, String after, Integer last, String before, ListSort sort) {

    PageArgs checked() {
        return PageArgs.of(first, after, last, before);
    }
}
