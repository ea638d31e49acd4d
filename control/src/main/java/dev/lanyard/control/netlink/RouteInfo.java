package dev.lanyard.control.netlink;

import java.net.InetAddress;
import java.util.Optional;

/**
 * One route of the main table as the kernel reports it.
 *
 * @param destination    the destination network (0.0.0.0 or :: for a default route)
 * @param prefixLength   its prefix length (0 for a default route)
 * @param gateway        the next hop, if the route has one
 * @param outputIndex    the output interface index, 0 when none
 * @param protocol       who installed it (RTPROT_*: 2 kernel, 3 boot, 4 static)
 * @param scope          the scope (0 universe, 253 link, 254 host)
 * @param type           the route type (RTN_*: 1 unicast, 2 local)
 * @param priority       the metric, 0 when none
 */
public record RouteInfo(InetAddress destination, int prefixLength, Optional<InetAddress> gateway, int outputIndex,
                        int protocol, int scope, int type, int priority) {

    /** Whether this is a default route. */
    public boolean isDefault() {
        return prefixLength == 0;
    }

    @Override
    public String toString() {
        return (isDefault() ? "default" : destination.getHostAddress() + "/" + prefixLength)
                + gateway.map(g -> " via " + g.getHostAddress()).orElse("")
                + (outputIndex != 0 ? " dev #" + outputIndex : "");
    }
}
