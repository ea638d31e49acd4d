package dev.lanyard.dataplane.linux;

/** linux/if_tun.h: TAP devices through /dev/net/tun. */
public final class IfTun {
    /** The clone device. */
    public static final String CLONE_DEVICE = "/dev/net/tun";

    /** Attach the fd to a named interface, creating it (struct ifreq with ifr_flags). */
    public static final long TUNSETIFF = 0x400454caL;
    /** Keep the device after the fd closes (int). */
    public static final long TUNSETPERSIST = 0x400454cbL;
    /** Offloads the reader accepts (unsigned int of TUN_F_*). */
    public static final long TUNSETOFFLOAD = 0x400454d0L;
    /** Size of the vnet header the device prepends (int). */
    public static final long TUNSETVNETHDRSZ = 0x400454d8L;
    /** Features the driver supports (unsigned int). */
    public static final long TUNGETFEATURES = 0x800454cfL;

    /** ifr_flags: TAP (Ethernet) device. */
    public static final int IFF_TAP = 0x0002;
    /** ifr_flags: no struct tun_pi before each frame. */
    public static final int IFF_NO_PI = 0x1000;
    /** ifr_flags: one queue per attached fd; a persistent device must be created with it to be opened so. */
    public static final int IFF_MULTI_QUEUE = 0x0100;
    /** ifr_flags: prefix frames with struct virtio_net_hdr. */
    public static final int IFF_VNET_HDR = 0x4000;

    /** Offload: the reader takes partial checksums. */
    public static final int TUN_F_CSUM = 0x01;
    /** Offload: the reader takes TCPv4 GSO. */
    public static final int TUN_F_TSO4 = 0x02;
    /** Offload: the reader takes TCPv6 GSO. */
    public static final int TUN_F_TSO6 = 0x04;
    /** Offload: TSO with ECN. */
    public static final int TUN_F_TSO_ECN = 0x08;
    /** Offload: UDP fragmentation offload (removed in newer kernels). */
    public static final int TUN_F_UFO = 0x10;
    /** Offload: UDP segmentation offload for IPv4 (Linux 6.2). */
    public static final int TUN_F_USO4 = 0x20;
    /** Offload: UDP segmentation offload for IPv6 (Linux 6.2). */
    public static final int TUN_F_USO6 = 0x40;

    private IfTun() {
    }
}
