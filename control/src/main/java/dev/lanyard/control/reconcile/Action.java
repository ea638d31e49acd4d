package dev.lanyard.control.reconcile;

import dev.lanyard.control.topology.Cidr;
import dev.lanyard.control.topology.MacAddress;
import dev.lanyard.control.topology.Route;

/**
 * One step of a plan. Each renders as the iproute2 command that would do the same, for {@code --dry-run}; the
 * applier does it over netlink instead. A namespace of "" means the root namespace.
 */
public sealed interface Action {

    /** The equivalent iproute2 command line. */
    String render();

    /** {@code ip} or {@code ip -n NS}. */
    private static String ip(String namespace) {
        return namespace.isEmpty() ? "ip" : "ip -n " + namespace;
    }

    /**
     * Create a named network namespace (a bind mount under /run/netns, as iproute2 makes it).
     *
     * @param name the namespace
     */
    record CreateNamespace(String name) implements Action {
        @Override
        public String render() {
            return "ip netns add " + name;
        }
    }

    /**
     * Delete a named namespace; the devices in it go with it, and so does the far end of each veth among them.
     *
     * @param name the namespace
     */
    record DeleteNamespace(String name) implements Action {
        @Override
        public String render() {
            return "ip netns delete " + name;
        }
    }

    /**
     * Create a veth pair with each end directly in its namespace.
     *
     * @param a one end
     * @param b the other end
     */
    record CreateVeth(LinkEnd a, LinkEnd b) implements Action {
        @Override
        public String render() {
            return "ip link add " + a.name() + " " + a.options() + " type veth peer name " + b.name() + " "
                    + b.options();
        }
    }

    /**
     * Create a persistent TAP device in a namespace.
     *
     * @param namespace where
     * @param name      its name
     * @param mac       its MAC
     * @param mtu       its MTU
     */
    record CreateTap(String namespace, String name, MacAddress mac, int mtu) implements Action {
        @Override
        public String render() {
            return ip(namespace) + " tuntap add dev " + name + " mode tap && " + ip(namespace) + " link set dev "
                    + name + " address " + mac + " mtu " + mtu;
        }
    }

    /**
     * Delete a device (both ends, for a veth).
     *
     * @param namespace where it is
     * @param name      its name
     */
    record DeleteLink(String namespace, String name) implements Action {
        @Override
        public String render() {
            return ip(namespace) + " link delete dev " + name;
        }
    }

    /**
     * Bring a device up.
     *
     * @param namespace where it is
     * @param name      its name
     */
    record SetLinkUp(String namespace, String name) implements Action {
        @Override
        public String render() {
            return ip(namespace) + " link set dev " + name + " up";
        }
    }

    /**
     * Change a device's MTU.
     *
     * @param namespace where it is
     * @param name      its name
     * @param mtu       the new MTU
     */
    record SetMtu(String namespace, String name, int mtu) implements Action {
        @Override
        public String render() {
            return ip(namespace) + " link set dev " + name + " mtu " + mtu;
        }
    }

    /**
     * Change a device's MAC.
     *
     * @param namespace where it is
     * @param name      its name
     * @param mac       the new MAC
     */
    record SetMac(String namespace, String name, MacAddress mac) implements Action {
        @Override
        public String render() {
            return ip(namespace) + " link set dev " + name + " address " + mac;
        }
    }

    /**
     * Add an address to a device.
     *
     * @param namespace where the device is
     * @param name      the device
     * @param address   the address with its prefix length
     */
    record AddAddress(String namespace, String name, Cidr address) implements Action {
        @Override
        public String render() {
            return ip(namespace) + " address add " + address + " dev " + name;
        }
    }

    /**
     * Remove an address from a device.
     *
     * @param namespace where the device is
     * @param name      the device
     * @param address   the address with its prefix length
     */
    record DeleteAddress(String namespace, String name, Cidr address) implements Action {
        @Override
        public String render() {
            return ip(namespace) + " address delete " + address + " dev " + name;
        }
    }

    /**
     * Add a route to a namespace's main table.
     *
     * @param namespace where
     * @param route     the route
     */
    record AddRoute(String namespace, Route route) implements Action {
        @Override
        public String render() {
            return ip(namespace) + (route.to().address().isIpv4() ? "" : " -6") + " route add " + route.render();
        }
    }

    /**
     * Remove a route from a namespace's main table.
     *
     * @param namespace where
     * @param route     the route
     */
    record DeleteRoute(String namespace, Route route) implements Action {
        @Override
        public String render() {
            return ip(namespace) + (route.to().address().isIpv4() ? "" : " -6") + " route delete " + route.render();
        }
    }
}
