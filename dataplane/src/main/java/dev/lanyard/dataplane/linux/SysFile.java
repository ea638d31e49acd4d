package dev.lanyard.dataplane.linux;

import com.sun.jna.Native;

/** sys/file.h: advisory whole-file locks, as iproute2 takes on /run/netns while it sets up the mount point. */
public final class SysFile {
    static {
        Native.register(SysFile.class, Libc.NAME);
    }

    /** Exclusive lock. */
    public static final int LOCK_EX = 2;
    /** Remove a lock. */
    public static final int LOCK_UN = 8;

    private SysFile() {
    }

    /** int flock(int fd, int operation); */
    public static native int flock(int fd, int operation);
}
