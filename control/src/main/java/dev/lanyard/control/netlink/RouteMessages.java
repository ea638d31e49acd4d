package dev.lanyard.control.netlink;

import dev.lanyard.dataplane.linux.Socket;

import java.net.InetAddress;
import java.util.Optional;

/** Encodes RTM_NEWROUTE, RTM_DELROUTE and the route dump; decodes the routes the kernel reports. */
final class RouteMessages {
    /** rtm_scope for deletion: match a route of any scope. */
    private static final int RT_SCOPE_NOWHERE = 255;

    private RouteMessages() {
    }

    /**
     * RTM_NEWROUTE into the main table, failing if it exists:
     * {@code rtmsg | RTA_DST (unless default) | RTA_GATEWAY? | RTA_OIF? | RTA_PRIORITY?}. A gatewayless IPv4 route
     * gets link scope, as `ip route add` gives it.
     */
    static MessageBuilder add(MessageBuilder b, RouteSpec route, int outputIndex) {
        b.start(Rtnetlink.RTM_NEWROUTE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE
                | Netlink.NLM_F_EXCL);
        boolean linkScope = route.gateway() == null && route.family() == Socket.AF_INET;
        rtmsg(b, route, Rtnetlink.RTPROT_BOOT, linkScope ? Rtnetlink.RT_SCOPE_LINK : Rtnetlink.RT_SCOPE_UNIVERSE,
                Rtnetlink.RTN_UNICAST);
        return attributes(b, route, outputIndex);
    }

    /** RTM_DELROUTE from the main table, matching any protocol, scope and type. */
    static MessageBuilder delete(MessageBuilder b, RouteSpec route, int outputIndex) {
        b.start(Rtnetlink.RTM_DELROUTE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK);
        rtmsg(b, route, 0, RT_SCOPE_NOWHERE, 0);
        return attributes(b, route, outputIndex);
    }

    private static void rtmsg(MessageBuilder b, RouteSpec route, int protocol, int scope, int type) {
        b.u8(route.family()).u8(route.prefixLength()).u8(0).u8(0)
                .u8(Rtnetlink.RT_TABLE_MAIN).u8(protocol).u8(scope).u8(type).u32(0);
    }

    private static MessageBuilder attributes(MessageBuilder b, RouteSpec route, int outputIndex) {
        if (route.prefixLength() > 0) {
            b.attr(Rtnetlink.RTA_DST, route.destination().getAddress());
        }
        if (route.gateway() != null) {
            b.attr(Rtnetlink.RTA_GATEWAY, route.gateway().getAddress());
        }
        if (outputIndex > 0) {
            b.attrU32(Rtnetlink.RTA_OIF, outputIndex);
        }
        if (route.metric() > 0) {
            b.attrU32(Rtnetlink.RTA_PRIORITY, route.metric());
        }
        return b;
    }

    /** RTM_GETROUTE for every route of every family and table. */
    static MessageBuilder dump(MessageBuilder b) {
        b.start(Rtnetlink.RTM_GETROUTE, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
        return b.u8(0).u8(0).u8(0).u8(0).u8(0).u8(0).u8(0).u8(0).u32(0);
    }

    /** The table a route message belongs to (RTA_TABLE when present, else rtm_table). */
    static int table(NetlinkMessage m) throws NetlinkProtocolException {
        return m.attributes(0, Rtnetlink.RTMSG_SIZE).u32(Rtnetlink.RTA_TABLE, m.u8(4));
    }

    /** Decodes an RTM_NEWROUTE message. */
    static RouteInfo decode(NetlinkMessage m) throws NetlinkProtocolException {
        int family = m.u8(0);
        int prefixLength = m.u8(1);
        Attributes a = m.attributes(0, Rtnetlink.RTMSG_SIZE);
        InetAddress destination = a.has(Rtnetlink.RTA_DST)
                ? Addresses.ofBytes(a.bytes(Rtnetlink.RTA_DST), "route destination") : Addresses.any(family);
        Optional<InetAddress> gateway = a.has(Rtnetlink.RTA_GATEWAY)
                ? Optional.of(Addresses.ofBytes(a.bytes(Rtnetlink.RTA_GATEWAY), "route gateway")) : Optional.empty();
        return new RouteInfo(destination, prefixLength, gateway, a.u32(Rtnetlink.RTA_OIF, 0), m.u8(5), m.u8(6),
                m.u8(7), a.u32(Rtnetlink.RTA_PRIORITY, 0));
    }
}
