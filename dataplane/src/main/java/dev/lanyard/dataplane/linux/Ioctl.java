package dev.lanyard.dataplane.linux;

import com.sun.jna.Native;

/** sys/ioctl.h, with the requests we use from linux/sockios.h. */
public final class Ioctl {
    static {
        Native.register(Ioctl.class, Libc.NAME);
    }

    /** Get the MTU of an interface (struct ifreq). */
    public static final long SIOCGIFMTU = 0x8921;
    /** Get the flags of an interface (struct ifreq). */
    public static final long SIOCGIFFLAGS = 0x8913;
    /** Set the flags of an interface (struct ifreq). */
    public static final long SIOCSIFFLAGS = 0x8914;
    /** Get the hardware address of an interface (struct ifreq). */
    public static final long SIOCGIFHWADDR = 0x8927;
    /** Bytes waiting in a socket's receive queue (int). */
    public static final long FIONREAD = 0x541B;

    /** struct ifreq is 40 bytes on x86_64: a 16-byte name and a 24-byte union. */
    public static final int IFREQ_SIZE = 40;

    private Ioctl() {
    }

    /** int ioctl(int fd, unsigned long request, void *argp); the argument is copied in and out. */
    public static native int ioctl(int fd, long request, byte[] argp);

    /** int ioctl(int fd, unsigned long request, unsigned long arg); */
    public static native int ioctl(int fd, long request, long arg);

    /** A zeroed struct ifreq with ifr_name set. */
    public static byte[] ifreq(String ifname) {
        byte[] name = ifname.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (name.length >= NetIf.IFNAMSIZ) {
            throw new IllegalArgumentException("interface name longer than 15 bytes: " + ifname);
        }
        byte[] ifr = new byte[IFREQ_SIZE];
        System.arraycopy(name, 0, ifr, 0, name.length);
        return ifr;
    }
}
