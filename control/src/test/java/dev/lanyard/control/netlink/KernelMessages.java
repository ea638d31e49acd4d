package dev.lanyard.control.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds what the kernel would send, for parsing tests: ACKs, errors with extended ACK, link messages, datagrams. */
final class KernelMessages {
    static final int NLA_F_NESTED = 0x8000;

    private KernelMessages() {
    }

    /** One datagram holding these messages back to back, as a native-order direct buffer. */
    static ByteBuffer datagram(byte[]... messages) {
        int length = 0;
        for (byte[] m : messages) {
            length += Netlink.align(m.length);
        }
        ByteBuffer buf = ByteBuffer.allocateDirect(Math.max(length, 1)).order(ByteOrder.nativeOrder());
        for (byte[] m : messages) {
            buf.put(m);
            buf.position(Netlink.align(buf.position()));
        }
        return buf.clear();
    }

    /** The length to feed for a datagram of these messages. */
    static int length(byte[]... messages) {
        int length = 0;
        for (byte[] m : messages) {
            length += Netlink.align(m.length);
        }
        return length;
    }

    /** An ACK (NLMSG_ERROR with error 0) to request {@code seq}, capped as with NETLINK_CAP_ACK. */
    static byte[] ack(int seq) {
        MessageBuilder b = new MessageBuilder(256).start(Netlink.NLMSG_ERROR, Netlink.NLM_F_CAPPED).u32(0);
        echoHeader(b, 32, Rtnetlink.RTM_SETLINK, seq);
        b.finish(seq);
        return b.bytes();
    }

    /** An error with an extended-ACK text, capped (only the request's header echoed). */
    static byte[] error(int seq, int errno, String text) {
        MessageBuilder b = new MessageBuilder(512)
                .start(Netlink.NLMSG_ERROR, Netlink.NLM_F_CAPPED | Netlink.NLM_F_ACK_TLVS).u32(-errno);
        echoHeader(b, 40, Rtnetlink.RTM_NEWLINK, seq);
        b.attrString(Netlink.NLMSGERR_ATTR_MSG, text).attrU32(Netlink.NLMSGERR_ATTR_OFFS, 36);
        b.finish(seq);
        return b.bytes();
    }

    /** An error echoing the whole 24-byte request payload before the extended-ACK attributes (no CAP_ACK). */
    static byte[] uncappedError(int seq, int errno, String text) {
        MessageBuilder b = new MessageBuilder(512).start(Netlink.NLMSG_ERROR, Netlink.NLM_F_ACK_TLVS).u32(-errno);
        echoHeader(b, 16 + 24, Rtnetlink.RTM_NEWLINK, seq);
        for (int i = 0; i < 6; i++) {
            b.u32(0x55555555);
        }
        b.attrString(Netlink.NLMSGERR_ATTR_MSG, text);
        b.finish(seq);
        return b.bytes();
    }

    /** An error without any extended-ACK attributes. */
    static byte[] plainError(int seq, int errno) {
        MessageBuilder b = new MessageBuilder(256).start(Netlink.NLMSG_ERROR, Netlink.NLM_F_CAPPED).u32(-errno);
        echoHeader(b, 32, Rtnetlink.RTM_NEWLINK, seq);
        b.finish(seq);
        return b.bytes();
    }

    /** An error that names a missing required attribute. */
    static byte[] missingAttributeError(int seq, int errno, int attribute) {
        MessageBuilder b = new MessageBuilder(256)
                .start(Netlink.NLMSG_ERROR, Netlink.NLM_F_CAPPED | Netlink.NLM_F_ACK_TLVS).u32(-errno);
        echoHeader(b, 32, Rtnetlink.RTM_NEWROUTE, seq);
        b.attrU32(Netlink.NLMSGERR_ATTR_MISS_TYPE, attribute);
        b.finish(seq);
        return b.bytes();
    }

    /** NLMSG_DONE ending a dump, with a status and optionally an extended-ACK text. */
    static byte[] done(int seq, int status, String text) {
        MessageBuilder b = new MessageBuilder(256).start(Netlink.NLMSG_DONE,
                Netlink.NLM_F_MULTI | (text == null ? 0 : Netlink.NLM_F_ACK_TLVS)).u32(status);
        if (text != null) {
            b.attrString(Netlink.NLMSGERR_ATTR_MSG, text);
        }
        b.finish(seq);
        return b.bytes();
    }

    /** An RTM_NEWLINK for a veth as a dump part (NLM_F_MULTI) or a notification (seq 0, flags 0). */
    static byte[] link(int seq, int flags, int index, String name, int peer) {
        MessageBuilder b = new MessageBuilder(512).start(Rtnetlink.RTM_NEWLINK, flags);
        b.u8(0).u8(0).u16(1).u32(index).u32(IfLink.IFF_UP | IfLink.IFF_RUNNING | IfLink.IFF_LOWER_UP).u32(0);
        b.attrString(IfLink.IFLA_IFNAME, name).attrU32(IfLink.IFLA_MTU, 1500)
                .attr(IfLink.IFLA_ADDRESS, new byte[] {2, 0, 0, 0, 0, (byte) index})
                .attrU32(IfLink.IFLA_LINK, peer).attrU32(IfLink.IFLA_LINK_NETNSID, 0);
        int info = b.nest(IfLink.IFLA_LINKINFO | NLA_F_NESTED);
        b.attrString(IfLink.IFLA_INFO_KIND, "veth");
        b.end(info);
        b.finish(seq);
        return b.bytes();
    }

    private static void echoHeader(MessageBuilder b, int length, int type, int seq) {
        b.u32(length).u16(type).u16(Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK).u32(seq).u32(4242);
    }
}
