package dev.lanyard.dataplane.port.tap;

import dev.lanyard.dataplane.linux.Errno;
import dev.lanyard.dataplane.linux.Fcntl;
import dev.lanyard.dataplane.linux.IfTun;
import dev.lanyard.dataplane.linux.Ioctl;
import dev.lanyard.dataplane.linux.LinuxException;
import dev.lanyard.dataplane.linux.Structs;
import dev.lanyard.dataplane.linux.Unistd;

/**
 * TAP devices through /dev/net/tun: create or attach by name with IFF_TAP | IFF_NO_PI (and IFF_VNET_HDR), make them
 * persistent so that they outlive our descriptor, and announce the offloads we accept. The descriptor is
 * non-blocking and close-on-exec.
 */
public final class TapDevice {
    /** The offloads we accept: partial checksums and TCP segmentation, and UDP segmentation where known. */
    private static final int OFFLOADS = IfTun.TUN_F_CSUM | IfTun.TUN_F_TSO4 | IfTun.TUN_F_TSO6 | IfTun.TUN_F_TSO_ECN;
    private static final int OFFLOADS_USO = OFFLOADS | IfTun.TUN_F_USO4 | IfTun.TUN_F_USO6;
    private static final int IFR_FLAGS = 16;

    private TapDevice() {
    }

    /**
     * Opens TAP {@code name} in the calling thread's namespace, creating it if it does not exist, and returns its
     * descriptor. With {@code vnet} every frame read or written carries a virtio_net_hdr and offloads pass through.
     */
    public static int open(String name, boolean vnet) throws LinuxException {
        int fd = Fcntl.openOrThrow(IfTun.CLONE_DEVICE, Fcntl.O_RDWR | Fcntl.O_NONBLOCK);
        try {
            byte[] ifr = Ioctl.ifreq(name);
            Structs.writeShort(ifr, IFR_FLAGS, IfTun.IFF_TAP | IfTun.IFF_NO_PI | (vnet ? IfTun.IFF_VNET_HDR : 0));
            if (Ioctl.ioctl(fd, IfTun.TUNSETIFF, ifr) != 0) {
                throw Errno.exception("ioctl(TUNSETIFF, IFF_TAP)", name);
            }
            if (vnet && Ioctl.ioctl(fd, IfTun.TUNSETOFFLOAD, OFFLOADS_USO) != 0
                    && Ioctl.ioctl(fd, IfTun.TUNSETOFFLOAD, OFFLOADS) != 0) {
                throw Errno.exception("ioctl(TUNSETOFFLOAD)", name);
            }
            return fd;
        } catch (LinuxException | RuntimeException e) {
            Unistd.close(fd);
            throw e;
        }
    }

    /** Keeps the device when the last descriptor closes (or lets it go with its descriptor). */
    public static void setPersistent(int fd, String name, boolean persistent) throws LinuxException {
        if (Ioctl.ioctl(fd, IfTun.TUNSETPERSIST, persistent ? 1 : 0) != 0) {
            throw Errno.exception("ioctl(TUNSETPERSIST)", name);
        }
    }
}
