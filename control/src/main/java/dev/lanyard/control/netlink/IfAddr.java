package dev.lanyard.control.netlink;

/** linux/if_addr.h: address attributes and flags. */
final class IfAddr {
    /** Address attribute: the prefix address (the peer on point-to-point links). */
    static final int IFA_ADDRESS = 1;
    /** Address attribute: the local address. */
    static final int IFA_LOCAL = 2;
    /** Address attribute: u32 flags, extending the u8 ifa_flags. */
    static final int IFA_FLAGS = 8;

    /** Flag: skip duplicate address detection, so an IPv6 address is usable at once. */
    static final int IFA_F_NODAD = 0x02;
    /** Flag: duplicate address detection is still running. */
    static final int IFA_F_TENTATIVE = 0x40;
    /** Flag: a permanent (not autoconfigured) address. */
    static final int IFA_F_PERMANENT = 0x80;

    private IfAddr() {
    }
}
