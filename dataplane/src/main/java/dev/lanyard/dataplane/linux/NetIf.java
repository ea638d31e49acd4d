package dev.lanyard.dataplane.linux;

import com.sun.jna.Native;

/** net/if.h: interface names and indexes. */
public final class NetIf {
    static {
        Native.register(NetIf.class, Libc.NAME);
    }

    /** Longest interface name, with its terminating NUL. */
    public static final int IFNAMSIZ = 16;

    private NetIf() {
    }

    /** unsigned int if_nametoindex(const char *ifname); 0 when there is none. */
    public static native int if_nametoindex(String ifname);

    /** The index of an interface in the calling thread's namespace, or an exception naming it. */
    public static int indexOf(String ifname) throws LinuxException {
        int index = if_nametoindex(ifname);
        if (index == 0) {
            throw Errno.exception("if_nametoindex", ifname);
        }
        return index;
    }
}
