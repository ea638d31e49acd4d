package dev.lanyard.dataplane.linux;

import com.sun.jna.Native;

/** errno.h: error numbers and their text. */
public final class Errno {
    static {
        Native.register(Errno.class, Libc.NAME);
    }

    /** Operation not permitted. */
    public static final int EPERM = 1;
    /** No such file or directory. */
    public static final int ENOENT = 2;
    /** Interrupted system call. */
    public static final int EINTR = 4;
    /** Bad file descriptor. */
    public static final int EBADF = 9;
    /** Try again. */
    public static final int EAGAIN = 11;
    /** Out of memory. */
    public static final int ENOMEM = 12;
    /** Device or resource busy. */
    public static final int EBUSY = 16;
    /** File exists. */
    public static final int EEXIST = 17;
    /** No such device. */
    public static final int ENODEV = 19;
    /** Invalid argument. */
    public static final int EINVAL = 22;
    /** Message too long. */
    public static final int EMSGSIZE = 90;
    /** Protocol not available. */
    public static final int ENOPROTOOPT = 92;
    /** Operation not supported. */
    public static final int EOPNOTSUPP = 95;
    /** Network is down. */
    public static final int ENETDOWN = 100;
    /** No buffer space available. */
    public static final int ENOBUFS = 105;
    /** No such device or address. */
    public static final int ENXIO = 6;

    private Errno() {
    }

    /** The errno of the last native call made on this thread. */
    public static int last() {
        return Native.getLastError();
    }

    /** A LinuxException for the last failed call on this thread. */
    public static LinuxException exception(String operation, String object) {
        return new LinuxException(operation, object, Native.getLastError());
    }

    /** "No such device" for ENODEV, or "errno 1234" for a number the C library does not know. */
    public static String describe(int errno) {
        String text = strerror(errno);
        return text == null || text.isEmpty() ? "errno " + errno : text;
    }

    /** char *strerror(int errnum); */
    static native String strerror(int errnum);
}
