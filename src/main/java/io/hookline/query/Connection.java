package io.hookline.query;

import java.util.List;

/** A Relay connection: one page of a list, with cursors to move from it. */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo) {

    public record Edge<T>(String cursor, T node) {
    }

    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor,
                           long totalCount, int count) {
    }

    public List<T> nodes() {
        return edges.stream().map(Edge::node).toList();
    }
}
