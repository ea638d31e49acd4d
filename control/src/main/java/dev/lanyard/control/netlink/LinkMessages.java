package dev.lanyard.control.netlink;

import java.util.OptionalInt;

/**
 * Encodes the link requests (RTM_NEWLINK, RTM_SETLINK, RTM_DELLINK, RTM_GETLINK) and decodes the link messages
 * the kernel answers with. Requests name a link by IFLA_IFNAME with index 0, so the kernel looks it up in the
 * socket's namespace and no index has to be fetched first.
 */
final class LinkMessages {
    private static final int AF_UNSPEC = 0;
    private static final int CREATE = Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE
            | Netlink.NLM_F_EXCL;
    private static final int CHANGE = Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK;

    private LinkMessages() {
    }

    /** RTM_GETLINK for every link, statistics left out. */
    static MessageBuilder dump(MessageBuilder b) {
        b.start(Rtnetlink.RTM_GETLINK, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
        ifinfomsg(b, 0, 0, 0);
        return b.attrU32(IfLink.IFLA_EXT_MASK, Rtnetlink.RTEXT_FILTER_SKIP_STATS);
    }

    /** RTM_GETLINK for one link by name. */
    static MessageBuilder get(MessageBuilder b, String name) {
        b.start(Rtnetlink.RTM_GETLINK, CHANGE);
        ifinfomsg(b, 0, 0, 0);
        return b.attrString(IfLink.IFLA_IFNAME, name).attrU32(IfLink.IFLA_EXT_MASK, Rtnetlink.RTEXT_FILTER_SKIP_STATS);
    }

    /** RTM_GETLINK for one link by index. */
    static MessageBuilder get(MessageBuilder b, int index) {
        b.start(Rtnetlink.RTM_GETLINK, CHANGE);
        ifinfomsg(b, index, 0, 0);
        return b.attrU32(IfLink.IFLA_EXT_MASK, Rtnetlink.RTEXT_FILTER_SKIP_STATS);
    }

    /**
     * RTM_NEWLINK creating both ends of a veth pair:
     * <pre>
     *  ifinfomsg | IFLA_IFNAME end | IFLA_NET_NS_FD endFd? | IFLA_ADDRESS? | IFLA_MTU?
     *            | IFLA_LINKINFO { IFLA_INFO_KIND "veth"
     *                              IFLA_INFO_DATA { VETH_INFO_PEER { ifinfomsg | IFLA_IFNAME peer
     *                                                   | IFLA_NET_NS_FD peerFd? | IFLA_ADDRESS? | IFLA_MTU? }}}
     * </pre>
     * A namespace fd of -1 leaves that end in the socket's namespace.
     */
    static MessageBuilder newVeth(MessageBuilder b, VethSpec spec, int endNsFd, int peerNsFd) {
        b.start(Rtnetlink.RTM_NEWLINK, CREATE);
        ifinfomsg(b, 0, 0, 0);
        endAttributes(b, spec.end(), endNsFd, spec.mtu());
        int linkInfo = b.nest(IfLink.IFLA_LINKINFO);
        b.attrString(IfLink.IFLA_INFO_KIND, "veth");
        int data = b.nest(IfLink.IFLA_INFO_DATA);
        int peer = b.nest(IfLink.VETH_INFO_PEER);
        ifinfomsg(b, 0, 0, 0);
        endAttributes(b, spec.peer(), peerNsFd, spec.mtu());
        b.end(peer);
        b.end(data);
        return b.end(linkInfo);
    }

    private static void endAttributes(MessageBuilder b, VethSpec.End end, int nsFd, int mtu) {
        b.attrString(IfLink.IFLA_IFNAME, end.name());
        if (nsFd >= 0) {
            b.attrU32(IfLink.IFLA_NET_NS_FD, nsFd);
        }
        byte[] mac = end.mac();
        if (mac != null) {
            b.attr(IfLink.IFLA_ADDRESS, mac);
        }
        if (mtu > 0) {
            b.attrU32(IfLink.IFLA_MTU, mtu);
        }
    }

    /** RTM_SETLINK setting or clearing IFF_UP. */
    static MessageBuilder setUp(MessageBuilder b, String name, boolean up) {
        b.start(Rtnetlink.RTM_SETLINK, CHANGE);
        ifinfomsg(b, 0, up ? IfLink.IFF_UP : 0, IfLink.IFF_UP);
        return b.attrString(IfLink.IFLA_IFNAME, name);
    }

    /** RTM_SETLINK changing the MTU. */
    static MessageBuilder setMtu(MessageBuilder b, String name, int mtu) {
        b.start(Rtnetlink.RTM_SETLINK, CHANGE);
        ifinfomsg(b, 0, 0, 0);
        return b.attrString(IfLink.IFLA_IFNAME, name).attrU32(IfLink.IFLA_MTU, mtu);
    }

    /** RTM_SETLINK setting IPv6's address generation mode to none (IFLA_AF_SPEC, AF_INET6, ADDR_GEN_MODE). */
    static MessageBuilder noIpv6Addresses(MessageBuilder b, String name) {
        b.start(Rtnetlink.RTM_SETLINK, CHANGE);
        ifinfomsg(b, 0, 0, 0);
        b.attrString(IfLink.IFLA_IFNAME, name);
        int spec = b.nest(IfLink.IFLA_AF_SPEC);
        int inet6 = b.nest(IfLink.AF_INET6);
        b.attr(IfLink.IFLA_INET6_ADDR_GEN_MODE, new byte[] {(byte) IfLink.IN6_ADDR_GEN_MODE_NONE});
        b.end(inet6);
        return b.end(spec);
    }

    /** RTM_SETLINK changing the hardware address. */
    static MessageBuilder setMac(MessageBuilder b, String name, byte[] mac) {
        b.start(Rtnetlink.RTM_SETLINK, CHANGE);
        ifinfomsg(b, 0, 0, 0);
        return b.attrString(IfLink.IFLA_IFNAME, name).attr(IfLink.IFLA_ADDRESS, mac);
    }

    /** RTM_SETLINK renaming the link with this index. */
    static MessageBuilder rename(MessageBuilder b, int index, String newName) {
        b.start(Rtnetlink.RTM_SETLINK, CHANGE);
        ifinfomsg(b, index, 0, 0);
        return b.attrString(IfLink.IFLA_IFNAME, newName);
    }

    /** RTM_SETLINK moving the link into the namespace behind {@code nsFd}. */
    static MessageBuilder moveToNamespace(MessageBuilder b, String name, int nsFd) {
        b.start(Rtnetlink.RTM_SETLINK, CHANGE);
        ifinfomsg(b, 0, 0, 0);
        return b.attrString(IfLink.IFLA_IFNAME, name).attrU32(IfLink.IFLA_NET_NS_FD, nsFd);
    }

    /** RTM_DELLINK; for a veth it removes both ends. */
    static MessageBuilder delete(MessageBuilder b, String name) {
        b.start(Rtnetlink.RTM_DELLINK, CHANGE);
        ifinfomsg(b, 0, 0, 0);
        return b.attrString(IfLink.IFLA_IFNAME, name);
    }

    /** struct ifinfomsg with family AF_UNSPEC and type 0. */
    static void ifinfomsg(MessageBuilder b, int index, int flags, int change) {
        b.u8(AF_UNSPEC).u8(0).u16(0).u32(index).u32(flags).u32(change);
    }

    /** The ifi_family of a link message: AF_UNSPEC for links, AF_BRIDGE for bridge port notifications. */
    static int family(NetlinkMessage m) throws NetlinkProtocolException {
        return m.u8(0);
    }

    /** ifi_change of a link notification: ~0 when the link was just registered here. */
    static int change(NetlinkMessage m) throws NetlinkProtocolException {
        return m.s32(12);
    }

    /** Decodes an RTM_NEWLINK or RTM_DELLINK message. */
    static LinkInfo decode(NetlinkMessage m) throws NetlinkProtocolException {
        int index = m.s32(4);
        int flags = m.s32(8);
        Attributes a = m.attributes(0, Rtnetlink.IFINFOMSG_SIZE);
        String name = a.string(IfLink.IFLA_IFNAME);
        if (name == null) {
            throw new NetlinkProtocolException(Rtnetlink.typeName(m.type()) + " for link " + index
                    + " without IFLA_IFNAME");
        }
        String kind = a.nested(IfLink.IFLA_LINKINFO).string(IfLink.IFLA_INFO_KIND);
        byte[] mac = a.bytes(IfLink.IFLA_ADDRESS);
        OptionalInt netnsId = a.has(IfLink.IFLA_LINK_NETNSID)
                ? OptionalInt.of(a.u32(IfLink.IFLA_LINK_NETNSID, -1)) : OptionalInt.empty();
        return new LinkInfo(index, name, kind == null ? "" : kind, mac, a.u32(IfLink.IFLA_MTU, 0),
                (flags & IfLink.IFF_UP) != 0, (flags & IfLink.IFF_RUNNING) != 0,
                a.u32(IfLink.IFLA_MASTER, 0), a.u32(IfLink.IFLA_LINK, 0), netnsId);
    }
}
