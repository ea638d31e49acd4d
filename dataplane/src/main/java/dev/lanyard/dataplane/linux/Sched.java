package dev.lanyard.dataplane.linux;

import com.sun.jna.Native;

/** sched.h: namespaces. */
public final class Sched {
    static {
        Native.register(Sched.class, Libc.NAME);
    }

    /** New network namespace. */
    public static final int CLONE_NEWNET = 0x40000000;
    /** New mount namespace. */
    public static final int CLONE_NEWNS = 0x00020000;

    private Sched() {
    }

    /** int setns(int fd, int nstype); */
    public static native int setns(int fd, int nstype);

    /** int unshare(int flags); */
    public static native int unshare(int flags);
}
