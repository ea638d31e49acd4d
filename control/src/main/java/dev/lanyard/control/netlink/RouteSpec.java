package dev.lanyard.control.netlink;

import java.net.InetAddress;

/**
 * A route to add to (or delete from) the main table: a destination network, and a gateway, an output interface
 * or both. IPv4 or IPv6, as the destination's family says.
 *
 * @param destination  the destination network; 0.0.0.0 or :: with prefix 0 for a default route
 * @param prefixLength its prefix length
 * @param gateway      the next hop, or null for a route straight out of {@code device}
 * @param device       the output interface name, or null to let the kernel find it from the gateway
 * @param metric       the metric (RTA_PRIORITY), 0 for none
 */
public record RouteSpec(InetAddress destination, int prefixLength, InetAddress gateway, String device, int metric) {

    /** Checks the spec. */
    public RouteSpec {
        if (destination == null) {
            throw new IllegalArgumentException("route without a destination");
        }
        int max = Addresses.maxPrefix(destination);
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("route to " + destination.getHostAddress() + ": prefix length "
                    + prefixLength + " outside 0.." + max);
        }
        if (gateway != null && Addresses.family(gateway) != Addresses.family(destination)) {
            throw new IllegalArgumentException("route to " + destination.getHostAddress() + "/" + prefixLength
                    + ": gateway " + gateway.getHostAddress() + " is of another address family");
        }
        if (device != null) {
            InterfaceNames.check(device);
        }
        if (metric < 0) {
            throw new IllegalArgumentException("route metric must not be negative: " + metric);
        }
    }

    /** The default route of the gateway's family through that gateway. */
    public static RouteSpec defaultVia(InetAddress gateway) {
        return new RouteSpec(Addresses.any(Addresses.family(gateway)), 0, gateway, null, 0);
    }

    /** A route to a network in CIDR notation ("10.1.0.0/16", "fd00::/64"); add a gateway or device to it. */
    public static RouteSpec to(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            InetAddress host = Addresses.parse(cidr);
            return new RouteSpec(host, Addresses.maxPrefix(host), null, null, 0);
        }
        InetAddress network = Addresses.parse(cidr.substring(0, slash));
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a prefix length in \"" + cidr + "\"", e);
        }
        return new RouteSpec(network, prefix, null, null, 0);
    }

    /** This route through a gateway. */
    public RouteSpec via(InetAddress nextHop) {
        return new RouteSpec(destination, prefixLength, nextHop, device, metric);
    }

    /** This route out of an interface. */
    public RouteSpec dev(String interfaceName) {
        return new RouteSpec(destination, prefixLength, gateway, interfaceName, metric);
    }

    /** This route with a metric. */
    public RouteSpec withMetric(int newMetric) {
        return new RouteSpec(destination, prefixLength, gateway, device, newMetric);
    }

    /** AF_INET or AF_INET6. */
    public int family() {
        return Addresses.family(destination);
    }

    /** "default via 10.0.0.1 dev eth0", for error texts. */
    public String describe() {
        return (prefixLength == 0 ? "default" : destination.getHostAddress() + "/" + prefixLength)
                + (gateway == null ? "" : " via " + gateway.getHostAddress())
                + (device == null ? "" : " dev " + device);
    }
}
