package dev.lanyard.control.topology;

/**
 * A route in a host's main routing table.
 *
 * @param to  the destination network (0.0.0.0/0 or ::/0 for the default route)
 * @param via the gateway, or null for a route straight out of {@code dev}
 * @param dev the outgoing interface, or null to let the kernel pick it from {@code via}
 */
public record Route(Cidr to, IpAddress via, String dev) {
    /** The route in {@code ip route} syntax, without the verb: {@code default via 172.17.0.1}. */
    public String render() {
        StringBuilder out = new StringBuilder(to.isDefault() ? "default" : to.toString());
        if (via != null) {
            out.append(" via ").append(via);
        }
        if (dev != null) {
            out.append(" dev ").append(dev);
        }
        return out.toString();
    }
}
