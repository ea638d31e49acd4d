package dev.lanyard.dataplane.linux;

import com.sun.jna.Native;

import java.nio.ByteBuffer;

/** unistd.h: close, read, write. Buffers are direct; JNA passes their address at their position. */
public final class Unistd {
    static {
        Native.register(Unistd.class, Libc.NAME);
    }

    private Unistd() {
    }

    /** int close(int fd); */
    public static native int close(int fd);

    /** ssize_t read(int fd, void *buf, size_t count); */
    public static native long read(int fd, ByteBuffer buf, long count);

    /** ssize_t write(int fd, const void *buf, size_t count); */
    public static native long write(int fd, ByteBuffer buf, long count);

    /** ssize_t read(int fd, void *buf, size_t count), with the buffer as a raw address. */
    public static native long read(int fd, long address, long count);

    /** ssize_t write(int fd, const void *buf, size_t count), with the buffer as a raw address. */
    public static native long write(int fd, long address, long count);

    /** ssize_t writev(int fd, const struct iovec *iov, int iovcnt), with the iovec array as a raw address. */
    public static native long writev(int fd, long iov, int iovcnt);

    /** int pipe2(int pipefd[2], int flags); fills fds with the read end and the write end. */
    public static native int pipe2(int[] fds, int flags);

    /** int dup(int oldfd); a copy of a descriptor, to put it back later with dup2. */
    public static native int dup(int oldfd);

    /** int dup2(int oldfd, int newfd); a daemon points its stdout and stderr at its log. */
    public static native int dup2(int oldfd, int newfd);

    /** pid_t setsid(void); a daemon leaves its terminal's session. */
    public static native int setsid();

    /** Closes quietly: for cleanup paths that already carry an error. */
    public static void closeQuietly(int fd) {
        if (fd >= 0) {
            close(fd);
        }
    }
}
