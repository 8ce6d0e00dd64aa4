package io.hookline.query;

import io.hookline.api.ApiException;

/**
 * The Relay paging arguments of a list field, checked: either forward ({@code first}/{@code after})
 * or backward ({@code last}/{@code before}), never both, at most {@link #MAX_PAGE_SIZE} a page.
 */
public record PageArgs(int size, boolean backward, String cursor) {

    public static final int MAX_PAGE_SIZE = 100;
    public static final int DEFAULT_PAGE_SIZE = 20;

    public static PageArgs of(Integer first, String after, Integer last, String before) {
        if ((first != null || after != null) && (last != null || before != null)) {
            throw ApiException.badInput("Page forward with first/after or backward with last/before, not both");
        }
        boolean backward = last != null || before != null;
        Integer requested = backward ? last : first;
        int size = requested == null ? DEFAULT_PAGE_SIZE : requested;
        if (size < 0) {
            throw ApiException.badInput((backward ? "last" : "first") + " must not be negative");
        }
        if (size > MAX_PAGE_SIZE) {
            throw ApiException.badInput((backward ? "last" : "first") + " must be at most " + MAX_PAGE_SIZE
                    + "; page through larger lists with cursors");
        }
        return new PageArgs(size, backward, backward ? before : after);
    }
}
