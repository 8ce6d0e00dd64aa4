package io.hookline.api;

/** Checks shared by every mutation's input, with the messages users see. */
public final class Inputs {

    public static final int MAX_NAME_LENGTH = 200;

    private Inputs() {
    }

    /** The etag a change must carry: the {@code _etag} the client last read. */
    public static String requireEtag(String etag) {
        if (etag == null || etag.isBlank()) {
            throw ApiException.badInput("etag is required: send the _etag you last read");
        }
        return etag;
    }

    /** A required, trimmed name of 1 to {@value #MAX_NAME_LENGTH} characters. */
    public static String requireName(String field, String value) {
        String trimmed = value == null ? "" : value.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
            throw ApiException.badInput(field + " must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        return trimmed;
    }
}
