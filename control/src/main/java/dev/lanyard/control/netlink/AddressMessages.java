package dev.lanyard.control.netlink;

import dev.lanyard.dataplane.linux.Socket;

import java.net.InetAddress;

/** Encodes RTM_NEWADDR, RTM_DELADDR and the address dump; decodes the addresses the kernel reports. */
final class AddressMessages {
    private AddressMessages() {
    }

    /**
     * RTM_NEWADDR, failing if the address exists: {@code ifaddrmsg | IFA_LOCAL | IFA_ADDRESS}, both the address,
     * as `ip addr add ADDR/LEN dev X` sends it (no broadcast). IPv6 addresses skip duplicate address detection.
     */
    static MessageBuilder add(MessageBuilder b, int index, InetAddress address, int prefixLength) {
        b.start(Rtnetlink.RTM_NEWADDR, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE
                | Netlink.NLM_F_EXCL);
        return body(b, index, address, prefixLength);
    }

    /** RTM_DELADDR of one address. */
    static MessageBuilder delete(MessageBuilder b, int index, InetAddress address, int prefixLength) {
        b.start(Rtnetlink.RTM_DELADDR, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK);
        return body(b, index, address, prefixLength);
    }

    private static MessageBuilder body(MessageBuilder b, int index, InetAddress address, int prefixLength) {
        int family = Addresses.family(address);
        int flags = family == Socket.AF_INET6 ? IfAddr.IFA_F_NODAD : 0;
        b.u8(family).u8(prefixLength).u8(flags).u8(Rtnetlink.RT_SCOPE_UNIVERSE).u32(index);
        byte[] raw = address.getAddress();
        return b.attr(IfAddr.IFA_LOCAL, raw).attr(IfAddr.IFA_ADDRESS, raw);
    }

    /** RTM_GETADDR for every address of every family. */
    static MessageBuilder dump(MessageBuilder b) {
        b.start(Rtnetlink.RTM_GETADDR, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
        return b.u8(0).u8(0).u8(0).u8(0).u32(0);
    }

    /** Decodes an RTM_NEWADDR message. */
    static AddressInfo decode(NetlinkMessage m) throws NetlinkProtocolException {
        int prefixLength = m.u8(1);
        int flags = m.u8(2);
        int scope = m.u8(3);
        int index = m.s32(4);
        Attributes a = m.attributes(0, Rtnetlink.IFADDRMSG_SIZE);
        byte[] raw = a.has(IfAddr.IFA_LOCAL) ? a.bytes(IfAddr.IFA_LOCAL) : a.bytes(IfAddr.IFA_ADDRESS);
        InetAddress address = Addresses.ofBytes(raw, "address of link " + index);
        return new AddressInfo(index, address, prefixLength, scope, a.u32(IfAddr.IFA_FLAGS, flags));
    }
}
