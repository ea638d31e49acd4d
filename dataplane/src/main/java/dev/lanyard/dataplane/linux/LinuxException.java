package dev.lanyard.dataplane.linux;

import java.io.IOException;

/**
 * A failed system call, named by operation and object: {@code bind(AF_PACKET) on sw-h1: No such device}.
 */
public final class LinuxException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    public LinuxException(String operation, String object, int errno) {
        super(operation + (object == null || object.isEmpty() ? "" : " on " + object) + ": " + Errno.describe(errno));
        this.errno = errno;
    }

    /** The errno value the call failed with. */
    public int errno() {
        return errno;
    }
}
