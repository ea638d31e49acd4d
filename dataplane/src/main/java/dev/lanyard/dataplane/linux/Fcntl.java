package dev.lanyard.dataplane.linux;

import com.sun.jna.Native;

/** fcntl.h: open and descriptor flags. */
public final class Fcntl {
    static {
        Native.register(Fcntl.class, Libc.NAME);
    }

    /** Open for reading only. */
    public static final int O_RDONLY = 0;
    /** Open for writing only. */
    public static final int O_WRONLY = 1;
    /** Writes go to the end. */
    public static final int O_APPEND = 02000;
    /** Open for reading and writing. */
    public static final int O_RDWR = 2;
    /** Non-blocking I/O. */
    public static final int O_NONBLOCK = 04000;
    /** Close on exec. */
    public static final int O_CLOEXEC = 02000000;
    /** Create if missing. */
    public static final int O_CREAT = 0100;
    /** Fail if it exists (with O_CREAT). */
    public static final int O_EXCL = 0200;
    /** F_GETFL: get file status flags. */
    public static final int F_GETFL = 3;
    /** F_SETFL: set file status flags. */
    public static final int F_SETFL = 4;

    private Fcntl() {
    }

    /** int open(const char *pathname, int flags, mode_t mode); */
    public static native int open(String pathname, int flags, int mode);

    /** int fcntl(int fd, int cmd, int arg); */
    public static native int fcntl(int fd, int cmd, int arg);

    /** Opens a path or throws a LinuxException naming it. */
    public static int openOrThrow(String path, int flags) throws LinuxException {
        int fd = open(path, flags | O_CLOEXEC, 0);
        if (fd < 0) {
            throw Errno.exception("open", path);
        }
        return fd;
    }
}
