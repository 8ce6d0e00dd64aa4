package io.hookline.query;

public enum SortDirection {
    ASC, DESC
}
