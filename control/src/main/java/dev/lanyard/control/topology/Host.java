package dev.lanyard.control.topology;

import java.util.List;
import java.util.Optional;

/**
 * A host of the lab: a network namespace named like the host (or the root namespace) with its interfaces and routes.
 *
 * @param name         the host name, which is also the namespace name
 * @param ownNamespace false when the host is the root namespace (key {@code namespace: false})
 * @param interfaces   the interfaces in file order
 * @param routes       the routes in file order
 */
public record Host(String name, boolean ownNamespace, List<Interface> interfaces, List<Route> routes) {
    /** Copies the lists. */
    public Host {
        interfaces = List.copyOf(interfaces);
        routes = List.copyOf(routes);
    }

    /** The namespace the host's interfaces live in; {@link Topology#ROOT_NAMESPACE} for the root namespace. */
    public String namespace() {
        return ownNamespace ? name : Topology.ROOT_NAMESPACE;
    }

    /** The interface of that name. */
    public Optional<Interface> iface(String ifname) {
        return interfaces.stream().filter(i -> i.name().equals(ifname)).findFirst();
    }
}
