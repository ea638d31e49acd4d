package dev.lanyard.tools.filter;

/** A capture filter expression that cannot be used: its text and why, in libpcap's words when libpcap refused it. */
public final class FilterException extends Exception {
    private static final long serialVersionUID = 1L;

    /** An error with its full message. */
    public FilterException(String message) {
        super(message);
    }

    /** An error with its full message and cause. */
    public FilterException(String message, Throwable cause) {
        super(message, cause);
    }
}
