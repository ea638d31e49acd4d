package dev.lanyard.dataplane.linux;

import com.sun.jna.Native;

/** poll.h: waiting on a few descriptors outside an event loop. */
public final class Poll {
    static {
        Native.register(Poll.class, Libc.NAME);
    }

    /** There is data to read. */
    public static final short POLLIN = 0x001;
    /** Writing is possible. */
    public static final short POLLOUT = 0x004;
    /** Error condition. */
    public static final short POLLERR = 0x008;
    /** Hung up. */
    public static final short POLLHUP = 0x010;
    /** Invalid request: fd not open. */
    public static final short POLLNVAL = 0x020;

    private Poll() {
    }

    /** int poll(struct pollfd *fds, nfds_t nfds, int timeout); pollfd is {int fd; short events; short revents;}. */
    public static native int poll(byte[] fds, long nfds, int timeout);

    /** Waits up to timeoutMillis for one descriptor; returns its revents, 0 on timeout, -1 on error. */
    public static int pollOne(int fd, short events, int timeoutMillis) {
        byte[] pfd = new byte[8];
        pfd[0] = (byte) fd;
        pfd[1] = (byte) (fd >>> 8);
        pfd[2] = (byte) (fd >>> 16);
        pfd[3] = (byte) (fd >>> 24);
        pfd[4] = (byte) events;
        pfd[5] = (byte) (events >>> 8);
        int n = poll(pfd, 1, timeoutMillis);
        if (n <= 0) {
            return n;
        }
        return (pfd[6] & 0xff) | (pfd[7] & 0xff) << 8;
    }
}
