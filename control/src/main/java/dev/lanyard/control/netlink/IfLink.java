package dev.lanyard.control.netlink;

/** linux/if_link.h, linux/veth.h and the interface flags of linux/if.h: what a link message carries. */
final class IfLink {
    /** Link attribute: hardware address. */
    static final int IFLA_ADDRESS = 1;
    /** Link attribute: interface name (NUL-terminated). */
    static final int IFLA_IFNAME = 3;
    /** Link attribute: MTU (u32). */
    static final int IFLA_MTU = 4;
    /** Link attribute: the underlying link; for a veth, its peer's index (u32). */
    static final int IFLA_LINK = 5;
    /** Link attribute: the master device's index (u32). */
    static final int IFLA_MASTER = 10;
    /** Link attribute: RFC 2863 operational state (u8). */
    static final int IFLA_OPERSTATE = 16;
    /** Link attribute: nested kind and kind-specific data. */
    static final int IFLA_LINKINFO = 18;
    /** Link attribute: a namespace fd to create the link in or move it to (u32). */
    static final int IFLA_NET_NS_FD = 28;
    /** Link attribute: RTEXT_FILTER_* mask for GET requests (u32). */
    static final int IFLA_EXT_MASK = 29;
    /** Link attribute: the namespace id, seen from here, of the namespace IFLA_LINK lives in (s32). */
    static final int IFLA_LINK_NETNSID = 37;
    /** Link attribute: per address family settings, nested by family (AF_INET6 = 10). */
    static final int IFLA_AF_SPEC = 26;
    /** The IPv6 address family, as the nest type inside IFLA_AF_SPEC. */
    static final int AF_INET6 = 10;
    /** IFLA_AF_SPEC/AF_INET6: how link-local addresses are made (u8, enum in6_addr_gen_mode). */
    static final int IFLA_INET6_ADDR_GEN_MODE = 8;
    /** in6_addr_gen_mode: make none, so the link never gets an IPv6 address of its own and sends nothing. */
    static final int IN6_ADDR_GEN_MODE_NONE = 1;

    /** IFLA_LINKINFO: the kind string ("veth", "tun", "bridge"). */
    static final int IFLA_INFO_KIND = 1;
    /** IFLA_LINKINFO: kind-specific data. */
    static final int IFLA_INFO_DATA = 2;

    /** veth data: the peer, a struct ifinfomsg followed by link attributes. */
    static final int VETH_INFO_PEER = 1;

    /** Interface flag: administratively up. */
    static final int IFF_UP = 0x1;
    /** Interface flag: operationally up (RFC 2863 up or unknown). */
    static final int IFF_RUNNING = 0x40;
    /** Interface flag: carrier present. */
    static final int IFF_LOWER_UP = 0x10000;

    private IfLink() {
    }
}
