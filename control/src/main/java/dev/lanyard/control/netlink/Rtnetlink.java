package dev.lanyard.control.netlink;

/** linux/rtnetlink.h: message types, route attributes and the constants of struct rtmsg. */
final class Rtnetlink {
    /** Create a link, or change one. */
    static final int RTM_NEWLINK = 16;
    /** Delete a link. */
    static final int RTM_DELLINK = 17;
    /** Get one link, or dump them all. */
    static final int RTM_GETLINK = 18;
    /** Change a link. */
    static final int RTM_SETLINK = 19;
    /** Add an address. */
    static final int RTM_NEWADDR = 20;
    /** Delete an address. */
    static final int RTM_DELADDR = 21;
    /** Dump addresses. */
    static final int RTM_GETADDR = 22;
    /** Add a route. */
    static final int RTM_NEWROUTE = 24;
    /** Delete a route. */
    static final int RTM_DELROUTE = 25;
    /** Dump routes. */
    static final int RTM_GETROUTE = 26;

    /** Route attribute: destination address. */
    static final int RTA_DST = 1;
    /** Route attribute: output interface index (u32). */
    static final int RTA_OIF = 4;
    /** Route attribute: gateway address. */
    static final int RTA_GATEWAY = 5;
    /** Route attribute: metric (u32). */
    static final int RTA_PRIORITY = 6;
    /** Route attribute: table id (u32), for tables above 255. */
    static final int RTA_TABLE = 15;

    /** rtm_type: a gateway or direct route. */
    static final int RTN_UNICAST = 1;
    /** rtm_protocol: installed during boot; what `ip route add` uses. */
    static final int RTPROT_BOOT = 3;
    /** rtm_scope: everywhere. */
    static final int RT_SCOPE_UNIVERSE = 0;
    /** rtm_scope: destinations on the link itself. */
    static final int RT_SCOPE_LINK = 253;
    /** rtm_table: the main table. */
    static final int RT_TABLE_MAIN = 254;

    /** Multicast group of link changes. */
    static final int RTNLGRP_LINK = 1;

    /** IFLA_EXT_MASK: leave the statistics out of link messages. */
    static final int RTEXT_FILTER_SKIP_STATS = 1 << 3;

    /** struct ifinfomsg: u8 family, u8 pad, u16 type, s32 index, u32 flags, u32 change. */
    static final int IFINFOMSG_SIZE = 16;
    /** struct ifaddrmsg: u8 family, u8 prefixlen, u8 flags, u8 scope, u32 index. */
    static final int IFADDRMSG_SIZE = 8;
    /** struct rtmsg: u8 family, dst_len, src_len, tos, table, protocol, scope, type; u32 flags. */
    static final int RTMSG_SIZE = 12;

    private Rtnetlink() {
    }

    /** The symbolic name of a message type for error texts: RTM_NEWLINK. */
    static String typeName(int type) {
        switch (type) {
            case RTM_NEWLINK:
                return "RTM_NEWLINK";
            case RTM_DELLINK:
                return "RTM_DELLINK";
            case RTM_GETLINK:
                return "RTM_GETLINK";
            case RTM_SETLINK:
                return "RTM_SETLINK";
            case RTM_NEWADDR:
                return "RTM_NEWADDR";
            case RTM_DELADDR:
                return "RTM_DELADDR";
            case RTM_GETADDR:
                return "RTM_GETADDR";
            case RTM_NEWROUTE:
                return "RTM_NEWROUTE";
            case RTM_DELROUTE:
                return "RTM_DELROUTE";
            case RTM_GETROUTE:
                return "RTM_GETROUTE";
            default:
                return "netlink message type " + type;
        }
    }
}
