package dev.lanyard.control.netlink;

import dev.lanyard.dataplane.linux.Errno;
import dev.lanyard.dataplane.linux.Fcntl;
import dev.lanyard.dataplane.linux.IfTun;
import dev.lanyard.dataplane.linux.Ioctl;
import dev.lanyard.dataplane.linux.LinuxException;
import dev.lanyard.dataplane.linux.Unistd;

/**
 * Persistent TAP devices, made through /dev/net/tun because the tun driver refuses creation over rtnetlink
 * ("tun/tap creation via rtnetlink is not supported."). The device is created in the calling thread's network
 * namespace and outlives the descriptor; a port opens it again later by name, and RTM_DELLINK removes it.
 */
final class TapDevices {
    /** Offset of ifr_flags (a short) in struct ifreq. */
    private static final int IFR_FLAGS_OFFSET = 16;

    private TapDevices() {
    }

    /** Creates TAP {@code name} (IFF_TAP | IFF_NO_PI, and IFF_MULTI_QUEUE when asked) and makes it persistent. */
    static void createPersistent(String name, boolean multiQueue) throws LinuxException {
        byte[] ifr = Ioctl.ifreq(name);
        int flags = IfTun.IFF_TAP | IfTun.IFF_NO_PI | (multiQueue ? IfTun.IFF_MULTI_QUEUE : 0);
        ifr[IFR_FLAGS_OFFSET] = (byte) flags;
        ifr[IFR_FLAGS_OFFSET + 1] = (byte) (flags >>> 8);
        int fd = Fcntl.openOrThrow(IfTun.CLONE_DEVICE, Fcntl.O_RDWR);
        try {
            if (Ioctl.ioctl(fd, IfTun.TUNSETIFF, ifr) != 0) {
                throw Errno.exception("ioctl(TUNSETIFF)", "tap " + name);
            }
            if (Ioctl.ioctl(fd, IfTun.TUNSETPERSIST, 1L) != 0) {
                throw Errno.exception("ioctl(TUNSETPERSIST)", "tap " + name);
            }
        } finally {
            Unistd.close(fd);
        }
    }
}
