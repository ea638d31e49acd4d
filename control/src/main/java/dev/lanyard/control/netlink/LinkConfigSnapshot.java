package dev.lanyard.control.netlink;

import dev.lanyard.dataplane.linux.Errno;
import dev.lanyard.dataplane.linux.Socket;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the kernel throws away when a link goes down, saved so it can be put back: the link's IPv6 addresses
 * (dropped unless net.ipv6.conf.*.keep_addr_on_down is set) and the routes through it that someone added (the
 * kernel's own connected and link-local routes come back by themselves). IPv4 addresses survive a down.
 */
final class LinkConfigSnapshot {
    private static final int RTPROT_REDIRECT = 1;
    private static final int RTPROT_KERNEL = 2;
    private static final int RTPROT_RA = 9;
    private static final int RT_SCOPE_LINK = 253;

    private final List<AddressInfo> addresses;
    private final List<RouteInfo> routes;

    private LinkConfigSnapshot(List<AddressInfo> addresses, List<RouteInfo> routes) {
        this.addresses = addresses;
        this.routes = routes;
    }

    /** Saves the IPv6 addresses of the link (but link-local ones) and the administrator's routes through it. */
    static LinkConfigSnapshot capture(RtNetlink netlink, int index) throws IOException {
        List<AddressInfo> addresses = new ArrayList<>();
        for (AddressInfo a : netlink.addresses()) {
            if (a.index() == index && Addresses.family(a.address()) == Socket.AF_INET6 && a.scope() != RT_SCOPE_LINK) {
                addresses.add(a);
            }
        }
        List<RouteInfo> routes = new ArrayList<>();
        for (RouteInfo r : netlink.routes()) {
            int p = r.protocol();
            boolean administrators = p != RTPROT_KERNEL && p != RTPROT_RA && p != RTPROT_REDIRECT;
            if (r.outputIndex() == index && r.type() == Rtnetlink.RTN_UNICAST && administrators) {
                routes.add(r);
            }
        }
        return new LinkConfigSnapshot(addresses, routes);
    }

    /** Adds back, on the link now called {@code name}, whatever of the snapshot is missing. */
    void restore(RtNetlink netlink, String name) throws IOException {
        IOException failure = null;
        for (AddressInfo a : addresses) {
            try {
                netlink.addAddress(name, a.address(), a.prefixLength());
            } catch (IOException e) {
                failure = collect(failure, e);
            }
        }
        for (RouteInfo r : routes) {
            RouteSpec spec = new RouteSpec(r.destination(), r.prefixLength(), r.gateway().orElse(null), name,
                    r.priority());
            try {
                netlink.addRoute(spec);
            } catch (IOException e) {
                failure = collect(failure, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static IOException collect(IOException first, IOException e) {
        if (e instanceof NetlinkException ne && ne.errno() == Errno.EEXIST) {
            return first;
        }
        if (first == null) {
            return e;
        }
        first.addSuppressed(e);
        return first;
    }
}
