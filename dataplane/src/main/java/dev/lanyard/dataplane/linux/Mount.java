package dev.lanyard.dataplane.linux;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** sys/mount.h: the bind mounts that keep a network namespace alive at /run/netns/NAME. */
public final class Mount {
    static {
        Native.register(Mount.class, Libc.NAME);
    }

    /** Bind a file or directory onto another. */
    public static final long MS_BIND = 4096;
    /** Apply to every mount in a subtree. */
    public static final long MS_REC = 16384;
    /** Make a mount private. */
    public static final long MS_PRIVATE = 1 << 18;
    /** Make a mount a slave. */
    public static final long MS_SLAVE = 1 << 19;
    /** Make a mount shared. */
    public static final long MS_SHARED = 1 << 20;
    /** Detach lazily (umount2). */
    public static final int MNT_DETACH = 2;

    private Mount() {
    }

    /** int mount(const char *source, const char *target, const char *fstype, unsigned long flags, const void *data); */
    public static native int mount(String source, String target, String fstype, long flags, Pointer data);

    /** int umount2(const char *target, int flags); */
    public static native int umount2(String target, int flags);
}
