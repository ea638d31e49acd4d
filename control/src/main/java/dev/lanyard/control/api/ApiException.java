package dev.lanyard.control.api;

/** A request the API refuses, with the HTTP status and a message that says what and where. */
public final class ApiException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** A refusal with a status (400, 404, 405, 409, 413, ...). */
    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** 400: the request is malformed or a value is wrong. */
    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    /** 404: no such switch, port or entry. */
    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    /** 409: the request conflicts with what exists. */
    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }
}
