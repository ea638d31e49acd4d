package dev.lanyard.control.reconcile;

import dev.lanyard.control.topology.Cidr;
import dev.lanyard.control.topology.IpAddress;
import dev.lanyard.control.topology.Route;
import java.util.Objects;

/**
 * A route of a namespace's main table as the system shows it.
 *
 * @param to       the destination network
 * @param via      the gateway, or null
 * @param dev      the outgoing interface, or null
 * @param protocol who added it, as {@code ip route} prints rtm_protocol: "kernel" for the routes the kernel adds for
 *                 each address, "boot", "static", "ra", ...
 */
public record ObservedRoute(Cidr to, IpAddress via, String dev, String protocol) {
    /** The protocol of the routes the kernel adds by itself for each address. */
    public static final String KERNEL = "kernel";

    /** Whether the kernel added this route by itself, for an address; such routes are never the lab's. */
    public boolean isKernel() {
        return KERNEL.equals(protocol);
    }

    /** Whether this route is what {@code wanted} asks for; a wanted route without dev leaves dev to the kernel. */
    public boolean satisfies(Route wanted) {
        return to.equals(wanted.to()) && Objects.equals(via, wanted.via())
                && (wanted.dev() == null || wanted.dev().equals(dev));
    }

    /** This route as a topology route, to name it in an action. */
    public Route asRoute() {
        return new Route(to, via, dev);
    }
}
