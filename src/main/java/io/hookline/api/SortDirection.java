package io.hookline.api;

public enum SortDirection {
    ASC, DESC
}
