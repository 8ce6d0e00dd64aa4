package io.hookline.manufacturing;

import io.hookline.query.PageArgs;

/** The Relay paging arguments of a list field, bound with {@code @Arguments} beside its filters and sort. */
public record ListPage(Integer first, String after, Integer last, String before) {

    PageArgs checked() {
        return PageArgs.of(first, after, last, before);
    }
}
