package io.hookline.api;

/** An error meant for the API caller: its message is shown as is, so it must never carry internals. */
public class ApiException extends RuntimeException {

    private final ErrorCode code;

    public ApiException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static ApiException badInput(String message) {
        return new ApiException(ErrorCode.BAD_USER_INPUT, message);
    }

    public static ApiException notFound(String what, long id) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " " + id + " not found");
    }

    public static ApiException conflict(String message) {
        return new ApiException(ErrorCode.CONFLICT, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(ErrorCode.FORBIDDEN, message);
    }
}
