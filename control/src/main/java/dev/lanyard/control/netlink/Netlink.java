package dev.lanyard.control.netlink;

/** linux/netlink.h: the message header, its flags and types, socket options and extended-ACK attributes. */
final class Netlink {
    /** Routing and device hooks. */
    static final int NETLINK_ROUTE = 0;

    /** struct nlmsghdr: u32 len, u16 type, u16 flags, u32 seq, u32 pid. */
    static final int NLMSG_HDRLEN = 16;

    /** Nothing. */
    static final int NLMSG_NOOP = 1;
    /** Error, or an ACK when the error is 0. */
    static final int NLMSG_ERROR = 2;
    /** End of a multi-part message. */
    static final int NLMSG_DONE = 3;
    /** Data lost. */
    static final int NLMSG_OVERRUN = 4;

    /** It is a request message. */
    static final int NLM_F_REQUEST = 0x01;
    /** Part of a multi-part message ended by NLMSG_DONE. */
    static final int NLM_F_MULTI = 0x02;
    /** Reply with an ACK, with 0 or an error code. */
    static final int NLM_F_ACK = 0x04;
    /** Dump was inconsistent because the sequence changed. */
    static final int NLM_F_DUMP_INTR = 0x10;
    /** GET: specify the tree root. */
    static final int NLM_F_ROOT = 0x100;
    /** GET: return all matching. */
    static final int NLM_F_MATCH = 0x200;
    /** GET: a whole table. */
    static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    /** NEW: do not touch, if it exists. */
    static final int NLM_F_EXCL = 0x200;
    /** NEW: create, if it does not exist. */
    static final int NLM_F_CREATE = 0x400;
    /** ACK: the request was capped (NETLINK_CAP_ACK), only its header is echoed. */
    static final int NLM_F_CAPPED = 0x100;
    /** ACK: extended-ACK TLVs follow. */
    static final int NLM_F_ACK_TLVS = 0x200;

    /** Socket option: join a multicast group (int). */
    static final int NETLINK_ADD_MEMBERSHIP = 1;
    /** Socket option: do not echo the request's payload in error messages. */
    static final int NETLINK_CAP_ACK = 10;
    /** Socket option: extended ACK with the kernel's error text. */
    static final int NETLINK_EXT_ACK = 11;

    /** Extended ACK: the error message string. */
    static final int NLMSGERR_ATTR_MSG = 1;
    /** Extended ACK: offset of the invalid attribute in the request (u32). */
    static final int NLMSGERR_ATTR_OFFS = 2;
    /** Extended ACK: type of a missing required attribute (u32). */
    static final int NLMSGERR_ATTR_MISS_TYPE = 5;

    /** struct sockaddr_nl: u16 family, u16 pad, u32 pid, u32 groups. */
    static final int SOCKADDR_NL_SIZE = 12;

    private Netlink() {
    }

    /** NLMSG_ALIGN and NLA_ALIGN: round up to 4 bytes. */
    static int align(int length) {
        return (length + 3) & ~3;
    }
}
